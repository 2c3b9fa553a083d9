/**
 * The OS notification a task change deserves: the shared rule (shared/notifications.ts), naming the
 * task as the tray menu does. Pure, no electron import.
 */
import { notificationFor as sharedNotificationFor, type NotifiableTask, type NotificationKinds, type TaskNotification } from '../../shared/notifications.js';
import type { TaskState } from '../../shared/models/task.js';
import { taskLabel } from './tray-menu.js';

export type { TaskNotification } from '../../shared/notifications.js';

export const notificationFor = (previousState: TaskState | null, task: NotifiableTask, kinds?: NotificationKinds): TaskNotification | null =>
  sharedNotificationFor(previousState, task, taskLabel(task), kinds);
