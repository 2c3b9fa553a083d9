import { isFinalState, type Task, type TaskState } from '../../../shared/models/task.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import type { TaskPatch } from '../store/tasks-repo.js';

export interface TransitionDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
}

export interface TransitionOptions {
  /** Other columns to write in the same statement (error, timestamps...). */
  patch?: TaskPatch;
  actor?: string;
  reason?: string;
  data?: Record<string, unknown>;
}

export type Transition = (id: string, from: TaskState | readonly TaskState[], to: TaskState, opts?: TransitionOptions) => Task | null;

/**
 * The only writer of tasks.state (DESIGN.md): a compare-and-set in SQL, its audit entry in the same
 * transaction, then `task.changed` on the bus. Returns the updated task, or null when the task was not
 * in any of the `from` states (someone else moved it first).
 */
export function createTransition({ store, bus, clock }: TransitionDeps): Transition {
  const { db } = store;
  return (id, from, to, opts = {}) => {
    const fromStates = (Array.isArray(from) ? from : [from]) as TaskState[];
    const now = clock.now();
    const patch: TaskPatch = { ...opts.patch };
    if (isFinalState(to) && patch.ended_at === undefined) patch.ended_at = now;
    const keys = Object.keys(patch) as (keyof TaskPatch)[];
    const sets = ['state = @to', 'updated_at = @now', ...keys.map((k) => `${k} = @${k}`)].join(', ');
    const placeholders = fromStates.map((_, i) => `@from${i}`).join(',');
    const params: Record<string, unknown> = { ...patch, id, to, now };
    fromStates.forEach((s, i) => (params[`from${i}`] = s));

    const result = store.tx(() => {
      const prev = store.tasks.getRow(id);
      if (!prev || !fromStates.includes(prev.state)) return null;
      const changed = db.prepare(`UPDATE tasks SET ${sets} WHERE id = @id AND state IN (${placeholders})`).run(params).changes;
      if (changed !== 1) return null;
      store.audit.append(now, 'task.state', id, opts.actor ?? 'switchboard', {
        from: prev.state,
        to,
        ...(opts.reason ? { reason: opts.reason } : {}),
        ...opts.data,
      });
      return { task: store.tasks.get(id)!, previousState: prev.state };
    });
    if (!result) return null;
    bus.emit('task.changed', result);
    return result.task;
  };
}
