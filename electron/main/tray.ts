/**
 * The tray icon: its menu and tooltip come from buildTrayMenu(state), rebuilt (debounced) whenever a
 * task changes. Approve / Reject go to the core; a failure is shown as an OS notification.
 */
import type { Task } from '../../shared/models/task.js';
import type { ShellElectron, MenuItemOptions } from './electron-api.js';
import { drawIconBgra } from './icon-bitmap.js';
import type { CoreLike } from './daemon-link.js';
import { buildTrayMenu, MAX_TASKS_PER_SECTION, type TrayAction, type TrayItem, type TrayState, type TrayTask } from './tray-menu.js';

export interface TrayDeps {
  electron: Pick<ShellElectron, 'Tray' | 'Menu' | 'nativeImage'>;
  core: CoreLike;
  showWindow(taskId?: string): void;
  /** 'leave' keeps the daemon's agents running; 'stop' stops them (the two Quit items). */
  quit(mode: 'leave' | 'stop'): void;
  /** Tells the user about a failed action (an OS notification in the shell). */
  notifyError(title: string, message: string): void;
  log(msg: string): void;
  debounceMs?: number;
}

export interface TrayController {
  /** Reads the state from the core and rebuilds the menu now. */
  refresh(): Promise<void>;
  /** Shows a problem with the daemon in the tooltip until the next refresh. */
  showProblem(detail: string): void;
  dispose(): void;
}

const ICON_SIZE = 32;
const toTrayTask = (t: Task): TrayTask => ({ id: t.id, projectDir: t.projectDir, prompt: t.prompt, agent: t.agent });

/** Reads what the tray shows through the contract, like any other client. */
export async function loadTrayState(core: CoreLike): Promise<TrayState> {
  const [status, review, input, running] = await Promise.all([
    core.call('app.status', {}),
    core.call('tasks.list', { state: 'awaiting_review', limit: MAX_TASKS_PER_SECTION }),
    core.call('tasks.list', { state: 'awaiting_input', limit: MAX_TASKS_PER_SECTION }),
    core.call('tasks.list', { state: 'running', limit: 64 }),
  ]);
  // A best-of-N group shows once, with how many of its siblings are ready (one compare per group).
  const groups = new Map<string, NonNullable<TrayTask['group']>>();
  for (const id of new Set(review.tasks.map((t) => t.groupId).filter((g): g is string => !!g))) {
    const { members } = await core.call('groups.compare', { id });
    const ready = members.filter((m) => m.task.state === 'awaiting_review').map((m) => ({ id: m.task.id, agent: m.task.agent }));
    groups.set(id, { id, size: members.length, ready });
  }
  // Which running tasks are interactive is their latest run's (at most maxConcurrent lookups).
  const details = await Promise.all(running.tasks.map((t) => core.call('tasks.get', { id: t.id }).catch(() => null)));
  const interactive = details.filter((d) => d?.runs.at(-1)?.interactive).map((d) => toTrayTask(d!.task));
  return {
    interactive: interactive.slice(0, MAX_TASKS_PER_SECTION),
    counts: { running: status.counts.running ?? 0, awaitingReview: status.counts.awaiting_review ?? 0, awaitingInput: status.counts.awaiting_input ?? 0 },
    awaitingReview: review.tasks.map((t) => ({ ...toTrayTask(t), ...(t.groupId && groups.has(t.groupId) ? { group: groups.get(t.groupId) } : {}) })),
    awaitingInput: input.tasks.map(toTrayTask),
  };
}

export function createTray(deps: TrayDeps): TrayController {
  const { electron, core } = deps;
  const image = (attention: boolean) =>
    electron.nativeImage.createFromBitmap(drawIconBgra(ICON_SIZE, { attention }), { width: ICON_SIZE, height: ICON_SIZE, scaleFactor: 2 });
  const tray = new electron.Tray(image(false));
  tray.setToolTip('Switchboard');
  tray.on('click', () => deps.showWindow());
  let attention: boolean | null = null;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = async (a: TrayAction): Promise<void> => {
    if (a.kind === 'show') return deps.showWindow();
    if (a.kind === 'quit') return deps.quit(a.mode);
    if (a.kind === 'open') return deps.showWindow(a.taskId);
    try {
      // All or nothing, like Approve in the review screen: the core checks and applies the whole change.
      if (a.kind === 'approve') await core.call('changes.approve', { taskId: a.taskId });
      else if (a.kind === 'done') await core.call('tasks.done', { id: a.taskId });
      else await core.call('changes.reject', { taskId: a.taskId, reason: 'rejected from the tray menu' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.notifyError(`Could not ${a.kind} ${a.taskId}`, message);
    }
    schedule();
  };

  const toTemplate = (items: TrayItem[]): MenuItemOptions[] =>
    items.map((item) => {
      if (item.type === 'separator') return { type: 'separator' };
      const act = item.action;
      return {
        label: item.label,
        enabled: item.enabled,
        ...(act ? { click: () => void run(act) } : {}),
        ...(item.submenu ? { submenu: toTemplate(item.submenu) } : {}),
      };
    });

  const refresh = async (): Promise<void> => {
    if (disposed) return;
    let menu;
    try {
      menu = buildTrayMenu(await loadTrayState(core));
    } catch (err) {
      deps.log(`tray: could not read the task state: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (disposed || tray.isDestroyed()) return;
    tray.setContextMenu(electron.Menu.buildFromTemplate(toTemplate(menu.items)));
    tray.setToolTip(menu.tooltip);
    if (menu.attention !== attention) {
      attention = menu.attention;
      tray.setImage(image(menu.attention));
    }
  };

  const schedule = (): void => {
    if (disposed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, deps.debounceMs ?? 150);
  };
  const unsubscribe = core.bus.on('task.changed', schedule);

  return {
    refresh,
    showProblem(detail) {
      if (!disposed && !tray.isDestroyed()) tray.setToolTip(`Switchboard: ${detail}`);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
