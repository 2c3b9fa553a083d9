/**
 * OS notifications for tasks that need the user (see notificationFor). Clicking one opens the window
 * at that task. Shown notifications are kept referenced until closed, or their click is lost to GC.
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

  const unsubscribe = deps.core.bus.on('task.changed', ({ task, previousState }) => {
    const note = notificationFor(previousState, task);
    if (note) show(note.title, note.body, note.taskId);
  });

  return {
    show,
    dispose() {
      unsubscribe();
      for (const n of live) n.close();
      live.clear();
    },
  };
}
