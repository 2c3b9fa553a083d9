import { isFinalState, type Task, type TaskState } from '../../../shared/models/task.js';
import { TRANSITIONS, type TaskEvent } from '../../../shared/models/task-transitions.js';
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

export type Transition = ((id: string, event: TaskEvent, opts?: TransitionOptions) => Task | null) & {
  /**
   * Writes other columns of a task without moving it (an error note on a task still in review, say),
   * with the same audit entry and `task.changed` event as a transition. Returns null for an unknown task.
   */
  annotate(id: string, patch: TaskPatch, opts?: Pick<TransitionOptions, 'actor' | 'reason'>): Task | null;
};

/**
 * The only writer of tasks.state (ARCHITECTURE.md): `event` names an edge of the TRANSITIONS table
 * in shared/, which gives the states it may start from and the one it ends in; nothing else can be
 * written. A compare-and-set in SQL, its audit entry in the same transaction, then `task.changed` on
 * the bus once the transaction has committed. Returns the updated task, or null when the task was
 * not in a state the event applies to (someone else moved it first).
 */
export function createTransition({ store, bus, clock }: TransitionDeps): Transition {
  const { db } = store;
  const transition = (id: string, event: TaskEvent, opts: TransitionOptions = {}): Task | null => {
    const edge = TRANSITIONS[event];
    if (!edge) throw new Error(`unknown task event "${String(event)}"`);
    const fromStates = edge.from as readonly TaskState[];
    const to: TaskState = edge.to;
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
        event,
        ...(opts.reason ? { reason: opts.reason } : {}),
        ...opts.data,
      });
      return { task: store.tasks.get(id)!, previousState: prev.state };
    });
    if (!result) return null;
    bus.emit('task.changed', result);
    return result.task;
  };

  const annotate = (id: string, patch: TaskPatch, opts: Pick<TransitionOptions, 'actor' | 'reason'> = {}): Task | null => {
    const result = store.tx(() => {
      const prev = store.tasks.getRow(id);
      if (!prev) return null;
      store.tasks.patch(id, patch, clock.now());
      store.audit.append(clock.now(), 'task.annotated', id, opts.actor ?? 'switchboard', { columns: Object.keys(patch), ...(opts.reason ? { reason: opts.reason } : {}) });
      return { task: store.tasks.get(id)!, previousState: prev.state };
    });
    if (!result) return null;
    bus.emit('task.changed', result);
    return result.task;
  };
  return Object.assign(transition, { annotate });
}
