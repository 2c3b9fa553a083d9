/**
 * One task's state as a live view sees it, from one read (`tasks.get`) plus pushed `task.changed`
 * events. The view subscribes first and reads second. Pushed changes may then arrive before the
 * read, or be in flight while it happens, so each change is kept only when it is newer than what
 * the view has. Pushed changes that arrive before the read are held until it lands.
 */
import type { Task, TaskState } from '../models/task.js';

export interface TaskChange {
  task: Task;
  previousState: TaskState | null;
}

/**
 * Whether `change` happened after the task was as `current` says: a later `updatedAt`, or the same
 * millisecond and a change that starts from `current`'s state.
 */
export function isNewerChange(current: Pick<Task, 'state' | 'updatedAt'>, change: TaskChange): boolean {
  if (change.task.updatedAt !== current.updatedAt) return change.task.updatedAt > current.updatedAt;
  return change.previousState === current.state && change.task.state !== current.state;
}

export interface TaskFollow {
  /** A pushed task.changed of this task. */
  pushed(change: TaskChange): void;
  /** The task as read after subscribing. */
  read(task: Task): void;
  /** The newest task known, or null before the read. */
  current(): Task | null;
}

/** `onTask` is called with the task as read, then with each newer change. */
export function followTask(onTask: (task: Task) => void): TaskFollow {
  let current: Task | null = null;
  let held: TaskChange[] | null = [];
  const take = (change: TaskChange): void => {
    if (current && !isNewerChange(current, change)) return;
    current = change.task;
    onTask(current);
  };
  return {
    pushed: (change) => (held ? void held.push(change) : take(change)),
    read(task) {
      const pending = held ?? [];
      held = null;
      if (!current || task.updatedAt > current.updatedAt) {
        current = task;
        onTask(task);
      }
      for (const change of pending) take(change);
    },
    current: () => current,
  };
}
