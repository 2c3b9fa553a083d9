import { useEffect, useState } from 'react';
import { useAppStore, useClient } from '../../store/store-context.js';
import { notificationFor } from './notification-for.js';

export type NotifyPermission = NotificationPermission | 'unsupported';

const supported = (): boolean => typeof window !== 'undefined' && 'Notification' in window;

/**
 * In a browser (the headless host), shows a notification when a task needs review or input, or fails,
 * while the page is not in front; clicking it opens the task. Under Electron the shell notifies.
 */
export function useBrowserNotifications(): void {
  const client = useClient();
  const store = useAppStore();
  useEffect(() => {
    if (client.runsIn !== 'browser' || !supported()) return;
    return client.onEvent((e) => {
      if (e.name !== 'task.changed' || Notification.permission !== 'granted') return;
      if (document.visibilityState === 'visible' && document.hasFocus()) return;
      if (!notificationFor(e.payload.previousState, e.payload.task)) return;
      // The kinds left on in Settings, read when there is something to say (unreadable: all on).
      void client.api['settings.get']({})
        .then((v) => v.config.notifications, () => undefined)
        .then((kinds) => {
          const n = notificationFor(e.payload.previousState, e.payload.task, undefined, kinds);
          if (!n) return;
          const shown = new Notification(n.title, { body: n.body, tag: n.taskId });
          shown.onclick = () => {
            window.focus();
            const target = e.payload.task.state === 'awaiting_review' ? 'review' : 'tasks';
            store.getState().navigate(target, n.taskId);
            shown.close();
          };
        });
    });
  }, [client, store]);
}

/** The notification permission, and the request for it (which must come from a click). */
export function useNotificationPermission(): { permission: NotifyPermission; request(): Promise<void> } {
  const [permission, setPermission] = useState<NotifyPermission>(supported() ? Notification.permission : 'unsupported');
  return {
    permission,
    async request() {
      if (!supported()) return;
      setPermission(await Notification.requestPermission());
    },
  };
}
