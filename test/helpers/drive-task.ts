import type { Task, TaskState } from '../../shared/models/task.js';
import { TRANSITIONS, type TaskEvent } from '../../shared/models/task-transitions.js';
import type { Transition, TransitionOptions } from '../../electron/core/tasks/transition.js';

/** The shortest list of events that takes a task from one state to another through the state table. */
export function pathBetween(from: TaskState, to: TaskState): TaskEvent[] {
  const seen = new Map<TaskState, TaskEvent[]>([[from, []]]);
  const queue: TaskState[] = [from];
  while (queue.length) {
    const state = queue.shift()!;
    if (state === to) return seen.get(state)!;
    for (const [event, edge] of Object.entries(TRANSITIONS) as [TaskEvent, (typeof TRANSITIONS)[TaskEvent]][]) {
      if (!(edge.from as readonly TaskState[]).includes(state) || seen.has(edge.to)) continue;
      seen.set(edge.to, [...seen.get(state)!, event]);
      queue.push(edge.to);
    }
  }
  throw new Error(`the state table has no way from ${from} to ${to}`);
}

/**
 * Moves a task from `from` to `to` along legal edges only (tests set up states this way; the last
 * step carries `opts`). Returns the task, or null where a step was refused.
 */
export function driveTo(transition: Transition, id: string, from: TaskState | readonly TaskState[], to: TaskState, opts?: TransitionOptions): Task | null {
  const start = typeof from === 'string' ? from : from[0];
  const path = pathBetween(start, to);
  let task: Task | null = null;
  path.forEach((event, i) => {
    task = transition(id, event, i === path.length - 1 ? opts : undefined);
    if (!task) throw new Error(`could not ${event} task ${id} on its way from ${start} to ${to}`);
  });
  return task;
}
