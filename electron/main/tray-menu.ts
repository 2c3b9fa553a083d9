/**
 * The tray menu as a pure function of app state (no electron import): counts, the tasks awaiting
 * review (Approve / Reject / Open), awaiting input (Open) and running interactively (Done / Open),
 * Show window, Quit (agents keep running in the daemon) and Quit and stop agents. The shell turns
 * the returned description into a real Menu and maps each action to a call.
 */

export interface TrayTask {
  id: string;
  projectDir: string;
  prompt: string;
  agent: string;
}

export interface TrayState {
  counts: { running: number; awaitingReview: number; awaitingInput: number };
  /** Newest first; the menu shows at most MAX_TASKS_PER_SECTION of each. */
  awaitingReview: TrayTask[];
  awaitingInput: TrayTask[];
  /** Running tasks whose agent's own TUI the person types to: Done ends it and sends its work to review. */
  interactive: TrayTask[];
}

export type TrayAction =
  | { kind: 'approve'; taskId: string }
  | { kind: 'reject'; taskId: string }
  | { kind: 'open'; taskId: string }
  | { kind: 'done'; taskId: string }
  | { kind: 'show' }
  /** 'leave': the daemon and its agents keep running while tasks are active; 'stop': stop them too. */
  | { kind: 'quit'; mode: 'leave' | 'stop' };

export type TrayItem =
  | { type: 'separator' }
  | { type: 'item'; label: string; enabled: boolean; action?: TrayAction; submenu?: TrayItem[] };

export interface TrayMenu {
  tooltip: string;
  /** Something waits for the user: the icon shows a badge. */
  attention: boolean;
  items: TrayItem[];
}

export const MAX_TASKS_PER_SECTION = 8;
const LABEL_MAX = 60;

const SEPARATOR: TrayItem = { type: 'separator' };
const info = (label: string): TrayItem => ({ type: 'item', label, enabled: false });
const action = (label: string, a: TrayAction): TrayItem => ({ type: 'item', label, enabled: true, action: a });

function baseName(dir: string): string {
  const parts = dir.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? dir;
}

/** "project: first line of the prompt", one line, bounded. */
export function taskLabel(task: TrayTask): string {
  const prompt = task.prompt.replace(/\s+/g, ' ').trim();
  const text = `${baseName(task.projectDir)}: ${prompt}`;
  return text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function trayTooltip(counts: TrayState['counts']): string {
  const parts = [
    counts.running ? `${counts.running} running` : '',
    counts.awaitingReview ? `${counts.awaitingReview} awaiting review` : '',
    counts.awaitingInput ? `${counts.awaitingInput} awaiting input` : '',
  ].filter(Boolean);
  return `Switchboard: ${parts.length ? parts.join(', ') : 'no active tasks'}`;
}

function section(title: string, total: number, tasks: TrayTask[], entry: (t: TrayTask) => TrayItem): TrayItem[] {
  if (total === 0 && tasks.length === 0) return [];
  const shown = tasks.slice(0, MAX_TASKS_PER_SECTION);
  const items: TrayItem[] = [SEPARATOR, info(title), ...shown.map(entry)];
  const more = Math.max(total, tasks.length) - shown.length;
  if (more > 0) items.push(action(`${plural(more, 'more task')}…`, { kind: 'show' }));
  return items;
}

export function buildTrayMenu(state: TrayState): TrayMenu {
  const { counts } = state;
  const items: TrayItem[] = [
    info(`Running: ${counts.running}`),
    info(`Awaiting review: ${counts.awaitingReview}`),
    info(`Awaiting input: ${counts.awaitingInput}`),
    ...section('Awaiting review', counts.awaitingReview, state.awaitingReview, (t) => ({
      type: 'item',
      label: taskLabel(t),
      enabled: true,
      submenu: [
        action('Approve', { kind: 'approve', taskId: t.id }),
        action('Reject', { kind: 'reject', taskId: t.id }),
        action('Open', { kind: 'open', taskId: t.id }),
      ],
    })),
    ...section('Awaiting input', counts.awaitingInput, state.awaitingInput, (t) => ({
      type: 'item',
      label: taskLabel(t),
      enabled: true,
      submenu: [action('Open', { kind: 'open', taskId: t.id })],
    })),
    ...section('Interactive', state.interactive.length, state.interactive, (t) => ({
      type: 'item',
      label: taskLabel(t),
      enabled: true,
      submenu: [action('Done (send to review)', { kind: 'done', taskId: t.id }), action('Open', { kind: 'open', taskId: t.id })],
    })),
    SEPARATOR,
    action('Show Switchboard', { kind: 'show' }),
    action('Quit Switchboard', { kind: 'quit', mode: 'leave' }),
    action('Quit and stop agents', { kind: 'quit', mode: 'stop' }),
  ];
  return { tooltip: trayTooltip(counts), attention: counts.awaitingReview + counts.awaitingInput > 0, items };
}
