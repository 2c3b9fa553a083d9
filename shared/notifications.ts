/**
 * Which notification a task change deserves, as a pure function shared by the Electron shell (OS
 * notifications) and the browser (the headless host's Notification API): one when a task starts
 * needing review or input, or fails or times out. Anything else is silent. Each of those three kinds
 * can be turned off in Settings (config.json `notifications`).
 */
import type { Config } from './models/config.js';
import type { Task, TaskState } from './models/task.js';

/** The kinds a person can turn off: ready for review, waiting for input, failed or timed out. */
export type NotificationKind = keyof Config['notifications'];
export type NotificationKinds = Config['notifications'];

export interface TaskNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  taskId: string;
}

export type NotifiableTask = Pick<Task, 'id' | 'state' | 'projectDir' | 'prompt' | 'agent' | 'error'>;

const BODY_MAX = 200;
const LABEL_PROMPT_MAX = 80;
const bounded = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** "project: first line of the prompt", bounded: how a notification names its task by default. */
export function notificationLabel(task: Pick<Task, 'projectDir' | 'prompt'>): string {
  const project = task.projectDir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || task.projectDir;
  const firstLine = task.prompt.trim().split('\n')[0] ?? '';
  return `${project}: ${bounded(firstLine, LABEL_PROMPT_MAX)}`;
}

/**
 * `label` names the task in the body (the tray passes its own menu label so both read the same).
 * `kinds` (config.json `notifications`) silences the kinds the person turned off; all are on by default.
 */
export function notificationFor(previous: TaskState | null, task: NotifiableTask, label = notificationLabel(task), kinds?: NotificationKinds): TaskNotification | null {
  if (previous === task.state) return null;
  const note = (kind: NotificationKind, title: string, line: string): TaskNotification | null =>
    kinds && !kinds[kind] ? null : { kind, title, body: bounded(`${label}\n${line}`, BODY_MAX), taskId: task.id };
  switch (task.state) {
    case 'awaiting_review':
      return note('review', 'Ready for review', `${task.agent} finished; approve or reject its changes.`);
    case 'awaiting_input':
      return note('input', 'Needs your input', `${task.agent} is waiting for an answer.`);
    case 'failed':
      return note('failed', 'Task failed', task.error ?? `${task.agent} stopped with an error.`);
    case 'timed_out':
      return note('failed', 'Task timed out', task.error ?? `${task.agent} ran past its time limit and was stopped.`);
    default:
      return null;
  }
}
