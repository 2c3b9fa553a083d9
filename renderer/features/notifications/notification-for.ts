/**
 * The browser notification a task change deserves (the headless host's counterpart of the Electron
 * shell's OS notifications): the shared rule in shared/notifications.ts.
 */
export { notificationFor, type TaskNotification } from '../../../shared/notifications.js';
