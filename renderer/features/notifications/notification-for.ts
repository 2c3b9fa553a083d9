import type { Task, TaskState } from '../../../shared/models/task.js';
import { baseName, promptTitle } from '../../lib/format.js';

export interface TaskNotification {
  title: string;
  body: string;
  taskId: string;
}

/**
 * The browser notification a task change deserves (the headless host's counterpart of the Electron
 * shell's OS notifications): when a task starts needing review or input, fails or times out.
 */
export function notificationFor(previous: TaskState | null, task: Pick<Task, 'id' | 'state' | 'projectDir' | 'prompt' | 'agent' | 'error'>): TaskNotification | null {
  if (previous === task.state) return null;
  const label = `${baseName(task.projectDir)}: ${promptTitle(task.prompt, 80)}`;
  const body = (line: string) => `${label}\n${line}`.slice(0, 200);
  switch (task.state) {
    case 'awaiting_review':
      return { title: 'Ready for review', body: body(`${task.agent} finished; approve or reject its changes.`), taskId: task.id };
    case 'awaiting_input':
      return { title: 'Needs your input', body: body(`${task.agent} is waiting for an answer.`), taskId: task.id };
    case 'failed':
      return { title: 'Task failed', body: body(task.error ?? `${task.agent} stopped with an error.`), taskId: task.id };
    case 'timed_out':
      return { title: 'Task timed out', body: body(task.error ?? `${task.agent} ran past its time limit and was stopped.`), taskId: task.id };
    default:
      return null;
  }
}
