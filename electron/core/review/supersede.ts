/**
 * Picking a winner of a best-of-N group (issue 17): every sibling that has not ended becomes
 * `rejected` with the reason "superseded by <id>" through the state table's `supersede` event, and a
 * change of its awaiting review is closed as rejected. Runs inside the approval's transaction, so
 * the winner and its superseded siblings commit together. Stopping agents and removing worktrees
 * (branches kept, like any rejected task's) is the caller's, after the commit.
 */
import { canHappen } from '../../../shared/models/task-transitions.js';
import { ACTIVE_STATES, type Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../tasks/transition.js';

export interface Superseded {
  /** Siblings now rejected. */
  ids: string[];
  /** Those of them whose agent was preparing or running: the caller stops it. */
  running: string[];
}

export function supersedeSiblings(deps: { store: Store; clock: Clock; transition: Transition }, winner: Task, picked: ReadonlySet<string>): Superseded {
  const { store, clock, transition } = deps;
  const out: Superseded = { ids: [], running: [] };
  if (!winner.groupId) return out;
  const reason = `superseded by ${winner.id}`;
  for (const sibling of store.tasks.inGroup(winner.groupId)) {
    if (picked.has(sibling.id) || !canHappen(sibling.state, 'supersede')) continue;
    const change = sibling.state === 'awaiting_review' ? store.changes.latest(sibling.id) : null;
    if (change?.state === 'pending') store.changes.decide(change.id, ['pending'], 'rejected', { rejectReason: reason }, clock.now());
    const moved = transition(sibling.id, 'supersede', {
      actor: 'user',
      reason,
      patch: { meta: JSON.stringify({ ...sibling.meta, supersededBy: winner.id }) },
      data: { winner: winner.id, groupId: winner.groupId, ...(change ? { changeId: change.id } : {}) },
    });
    if (!moved) continue;
    out.ids.push(sibling.id);
    if (ACTIVE_STATES.includes(sibling.state)) out.running.push(sibling.id);
  }
  return out;
}
