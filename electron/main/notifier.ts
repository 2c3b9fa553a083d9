/**
 * OS notifications for tasks that need the user (see notificationFor), of the kinds the person left on
 * in Settings (read from the daemon when there is something to say, so a change applies at once).
 * Clicking one opens the window at that task. Shown notifications are kept referenced until closed, or
 * their click is lost to GC.
 */
import type { NotificationLike, ShellElectron } from './electron-api.js';
import type { CoreLike } from './daemon-link.js';
import { notificationFor } from './notification-for.js';

export interface NotifierDeps {
  electron: Pick<ShellElectron, 'Notification'>;
  core: CoreLike;
  showWindow(taskId?: string): void;
}

export interface Notifier {
  /** Shows one notification now (also used for errors of tray actions). */
  show(title: string, body: string, taskId?: string): void;
  dispose(): void;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const { Notification } = deps.electron;
  const live = new Set<NotificationLike>();

  const show = (title: string, body: string, taskId?: string): void => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title, body, silent: false });
    live.add(n);
    const forget = () => live.delete(n);
    n.on('click', () => {
      forget();
      deps.showWindow(taskId);
    });
    n.on('close', forget);
    n.on('failed', forget);
    n.show();
  };

  let disposed = false;
  // One after another, so notifications keep the order of the changes even though each reads the settings.
  let queue: Promise<void> = Promise.resolve();
  const unsubscribe = deps.core.bus.on('task.changed', ({ task, previousState }) => {
    if (!notificationFor(previousState, task)) return; // nothing to say, whatever the settings
    queue = queue.then(async () => {
      // Settings that cannot be read (the daemon is restarting) do not silence anything.
      const kinds = await deps.core.call('settings.get', {}).then((v) => v.config.notifications, () => undefined);
      const note = notificationFor(previousState, task, kinds);
      if (note && !disposed) show(note.title, note.body, note.taskId);
    });
  });

  return {
    show,
    dispose() {
      disposed = true;
      unsubscribe();
      for (const n of live) n.close();
      live.clear();
    },
  };
}
