/**
 * What a runner reports into: output to the batched output path, structured events to the store and
 * the bus (and to the run's facts: usage, failed tool calls), the session id to the run, the process to the run *before* the task counts as running.
 *
 * Structured events are batched like terminal output: held for up to EVENT_BATCH_MS (or EVENT_BATCH_MAX
 * events), then stored in one transaction and emitted in order. Every other report (session id, a wait
 * for input, the process) flushes them first, so the order a runner reported in is the order stored and
 * seen; run-task flushes the last ones when the run ends, before the task moves on.
 */
import type { PreparedWorkspace } from '../git/workspace.js';
import { processStartTime } from '../runners/process-group.js';
import type { RunFacts } from '../runners/run-facts.js';
import type { RunOutput } from '../runners/run-output.js';
import type { RunSink } from '../runners/runner.js';
import type { SchedulerDeps } from './types.js';

export const EVENT_BATCH_MS = 16;
export const EVENT_BATCH_MAX = 512;

export interface BatchingRunSink extends RunSink {
  /** Stores and emits the held events now. */
  flush(): void;
}

export function buildRunSink(deps: SchedulerDeps, taskId: string, runId: number, output: RunOutput, prepared: PreparedWorkspace, facts: RunFacts): BatchingRunSink {
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
  let held: { kind: string; data: unknown; at: number }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!held.length) return;
    const batch = held;
    held = [];
    // One transaction; the bus delivers the events after it commits (store.tx defers them).
    guard(`${batch.length} event(s)`, () =>
      store.tx(() => {
        for (const e of batch) bus.emit('run.event', store.events.append(runId, taskId, e.kind, e.data, e.at));
      }),
    );
  };
  return {
    flush,
    output: (data) => output.write(data),
    event(kind, data) {
      facts.note(kind, data);
      held.push({ kind, data, at: clock.now() });
      if (held.length >= EVENT_BATCH_MAX) flush();
      else timer ??= setTimeout(flush, EVENT_BATCH_MS);
    },
    sessionId: (id) => {
      flush();
      guard('the session id', () => store.runs.setSessionId(runId, id));
    },
    awaitingInput(waiting) {
      flush();
      guard('a change of state', () => {
        if (waiting) transition(taskId, 'ask', { reason: 'the agent is waiting for a person' });
        else transition(taskId, 'answer', { reason: 'answered' });
      });
    },
    spawned(pid) {
      flush();
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
