import type { Task } from '../../../shared/models/task.js';

export type TaskMap = Readonly<Record<string, Task>>;

/** True when `next` is at least as recent as `current`, so it may replace it. */
export function isNewer(current: Task | undefined, next: Task): boolean {
  if (!current) return true;
  return Date.parse(next.updatedAt) >= Date.parse(current.updatedAt);
}

/** Adds or replaces tasks, never letting an older copy (a slow page) overwrite a newer one (an event). */
export function upsertTasks(map: TaskMap, tasks: Iterable<Task>): TaskMap {
  let out: Record<string, Task> | null = null;
  for (const t of tasks) {
    if (!isNewer((out ?? map)[t.id], t)) continue;
    out ??= { ...map };
    out[t.id] = t;
  }
  return out ?? map;
}
