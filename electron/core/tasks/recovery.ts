import { ACTIVE_STATES } from '../../../shared/models/task.js';
import type { Store } from '../store/index.js';
import type { Transition } from './transition.js';

/**
 * At start-up, a task the store has as active belongs to an instance that is gone: it becomes
 * `interrupted` (ARCHITECTURE.md, task states). Its open runs are closed as interrupted too. Returns the ids.
 */
export function markInterrupted(store: Store, transition: Transition, now: number): string[] {
  const ids = store.tasks.idsInStates(ACTIVE_STATES);
  for (const run of store.runs.liveRuns()) {
    store.runs.finish(run.id, { exitCode: null, signal: null, errorType: 'interrupted', error: 'Switchboard stopped while this run was active' }, now, 'interrupted');
  }
  return ids.filter((id) =>
    transition(id, 'interrupt', {
      reason: 'Switchboard stopped while the task was active',
      patch: { error_type: 'interrupted', error: 'Switchboard stopped while the task was active' },
    }),
  );
}
