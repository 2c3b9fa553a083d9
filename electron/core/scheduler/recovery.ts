/**
 * Start-up recovery beyond marking tasks interrupted (tasks/recovery.ts): the agent processes of
 * runs a dead instance left open are found by pid + start time and killed with their process group,
 * and interrupted tasks are requeued or left for the user per `onInterrupted`.
 */
import type { Config } from '../../../shared/models/config.js';
import { killOrphanGroup } from '../runners/process-group.js';
import { runMarker } from '../runners/process-control/process-control.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../tasks/transition.js';

export interface OrphanKill {
  runId: number;
  taskId: string;
  pid: number;
  /** Every process of the group that was signalled (empty: it was already gone, or the pid was recycled). */
  killed: number[];
}

/**
 * Kills what is left of every run the store still has as live. Call before markInterrupted() closes
 * those runs. `ownInstance` runs (this process's) are skipped.
 */
export function killOrphanRuns(store: Store, homeKey: string, ownInstance?: string): OrphanKill[] {
  const out: OrphanKill[] = [];
  for (const run of store.runs.liveRuns()) {
    if (run.pid == null || (ownInstance && run.instanceId === ownInstance)) continue;
    out.push({ runId: run.id, taskId: run.taskId, pid: run.pid, killed: killOrphanGroup(run.pid, run.pidStartTime, runMarker(homeKey, run.taskId)) });
  }
  return out;
}

/** With onInterrupted "requeue", puts every interrupted task back in the queue. Returns their ids. */
export function requeueInterrupted(store: Store, transition: Transition, policy: Config['onInterrupted']): string[] {
  if (policy !== 'requeue') return [];
  return store.tasks.idsInStates(['interrupted']).filter((id) =>
    transition(id, 'resume', {
      reason: 'requeued after Switchboard restarted (onInterrupted: requeue)',
      patch: { error_type: null, error: null, ended_at: null, not_before: null },
    }),
  );
}
