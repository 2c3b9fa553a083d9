import type { AnyEvent } from '../../../shared/contract.js';
import { notificationFor, type NotificationKind, type NotificationKinds } from '../../../shared/notifications.js';
import type { Screen } from '../nav/route.js';

/** A short in-page message that something has just started waiting for the person. */
export interface Toast {
  /** The same arrival never makes two toasts. */
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where "Open" goes. */
  screen: Screen;
  taskId: string | null;
  /** What waits: toasts about the same thing are one toast (addToast). */
  about?: string;
}

/**
 * The toast an event deserves, by the same rule as the OS and browser notifications (notificationFor)
 * plus the two inbox items that are not task states: a permission asked and a dispatch file refused.
 * `kinds` (config.json `notifications`) silences the kinds the person turned off.
 */
export function toastFor(event: AnyEvent, kinds?: NotificationKinds): Toast | null {
  const allowed = (kind: NotificationKind) => !kinds || kinds[kind];
  switch (event.name) {
    case 'task.changed': {
      const { task, previousState } = event.payload;
      const n = notificationFor(previousState, task, undefined, kinds);
      if (!n) return null;
      const screen: Screen = task.state === 'awaiting_review' ? 'review' : 'tasks';
      const about = task.state === 'awaiting_input' ? `input:${task.id}` : undefined;
      return { key: `task:${task.id}:${task.state}:${task.updatedAt}`, kind: n.kind, title: n.title, body: n.body, screen, taskId: task.id, ...(about ? { about } : {}) };
    }
    case 'permission.changed': {
      const r = event.payload.request;
      if (r.state !== 'pending' || !allowed('input')) return null;
      return { key: `permission:${r.id}`, kind: 'input', title: 'Permission asked', body: `${r.taskId}: ${r.title}`, screen: 'inbox', taskId: null, about: `input:${r.taskId}` };
    }
    case 'dispatch.rejected': {
      const f = event.payload;
      if (!allowed('failed')) return null;
      return { key: `rejected:${f.dir}/${f.name}`, kind: 'failed', title: 'Dispatch file refused', body: `${f.name}: ${f.message}`, screen: 'inbox', taskId: null };
    }
    default:
      return null;
  }
}

/**
 * The toasts shown after `toast` arrives. An ACP permission also moves its task to awaiting_input,
 * and the two events come together: they make one toast, the permission's (it says what is asked),
 * whichever arrives first.
 */
export function addToast(list: readonly Toast[], toast: Toast): Toast[] {
  const same = toast.about ? list.findIndex((t) => t.about === toast.about) : -1;
  if (same < 0) return [...list, toast];
  const specific = (t: Toast) => t.key.startsWith('permission:');
  if (specific(toast) && !specific(list[same])) return list.map((t, i) => (i === same ? toast : t));
  return [...list];
}
