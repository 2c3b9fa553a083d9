/**
 * What a runner reports into: output to the batched output path, structured events to the store and
 * the bus (and to the run's facts: usage, failed tool calls), the session id to the run, the process to the run *before* the task counts as running.
 */
import type { PreparedWorkspace } from '../git/workspace.js';
import { processStartTime } from '../runners/process-group.js';
import type { RunFacts } from '../runners/run-facts.js';
import type { RunOutput } from '../runners/run-output.js';
import type { RunSink } from '../runners/runner.js';
import type { SchedulerDeps } from './types.js';

export function buildRunSink(deps: SchedulerDeps, taskId: string, runId: number, output: RunOutput, prepared: PreparedWorkspace, facts: RunFacts): RunSink {
  const { store, bus, clock, transition } = deps;
  const log = deps.log ?? ((m: string) => console.error(`switchboard scheduler: ${m}`));
  let refused = 0;
  /** Runners call in from their own callbacks: a store that refuses a write (a full disk) must not take the process down. */
  const guard = (what: string, fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      if (refused++ === 0) log(`task ${taskId}, run ${runId}: ${what} could not be stored (${(err as Error).message}); what the store refuses is dropped until it accepts writes again`);
    }
  };
  return {
    output: (data) => output.write(data),
    event(kind, data) {
      facts.note(kind, data);
      guard(`a ${kind} event`, () => bus.emit('run.event', store.events.append(runId, taskId, kind, data, clock.now(), output.lastSeq)));
    },
    sessionId: (id) => guard('the session id', () => store.runs.setSessionId(runId, id)),
    awaitingInput(waiting) {
      guard('a change of state', () => {
        if (waiting) transition(taskId, 'ask', { reason: 'the agent is waiting for a person' });
        else transition(taskId, 'answer', { reason: 'answered' });
      });
    },
    spawned(pid) {
      // Invariant 2: pid + start time are on record before the run counts as started.
      store.runs.setProcess(runId, pid, processStartTime(pid));
      const startedAt = store.tasks.getRow(taskId)?.started_at ?? clock.now();
      transition(taskId, 'start', {
        data: { runId, pid },
        patch: { started_at: startedAt, base_commit: prepared.baseCommit, branch: prepared.branch, worktree_path: prepared.worktreePath },
      });
    },
  };
}
