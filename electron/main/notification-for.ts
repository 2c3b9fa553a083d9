/**
 * Which OS notification a task change deserves, as a pure function (no electron import): one when a
 * task starts needing review or input, or fails or times out. Anything else is silent.
 */
import type { Task, TaskState } from '../../shared/models/task.js';
import { taskLabel } from './tray-menu.js';

export interface TaskNotification {
  title: string;
  body: string;
  taskId: string;
}

const BODY_MAX = 200;
const bounded = (text: string): string => (text.length > BODY_MAX ? `${text.slice(0, BODY_MAX - 1)}…` : text);

type NotifiableTask = Pick<Task, 'id' | 'state' | 'projectDir' | 'prompt' | 'agent' | 'error'>;

export function notificationFor(previousState: TaskState | null, task: NotifiableTask): TaskNotification | null {
  if (previousState === task.state) return null;
  const label = taskLabel(task);
  switch (task.state) {
    case 'awaiting_review':
      return { title: 'Ready for review', body: bounded(`${label}\n${task.agent} finished; approve or reject its changes.`), taskId: task.id };
    case 'awaiting_input':
      return { title: 'Needs your input', body: bounded(`${label}\n${task.agent} is waiting for an answer.`), taskId: task.id };
    case 'failed':
      return { title: 'Task failed', body: bounded(`${label}\n${task.error ?? `${task.agent} stopped with an error.`}`), taskId: task.id };
    case 'timed_out':
      return { title: 'Task timed out', body: bounded(`${label}\n${task.error ?? `${task.agent} ran past its time limit and was stopped.`}`), taskId: task.id };
    default:
      return null;
  }
}
