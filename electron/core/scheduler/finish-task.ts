/**
 * How a task leaves its run: stopped (cancel → cancelled, TTL → timed_out, shutdown → interrupted),
 * failed (retried per policy, else failed; a limit that names its reset waits for it), or finished (captured → awaiting_review | no_changes).
 * A success with permission denials is flagged, never reported as clean; so is no change after
 * failed tool calls.
 */
import type { ErrorType, Task } from '../../../shared/models/task.js';
import type { RunOutcome } from '../runners/runner.js';
import { iso } from '../clock.js';
import { parseLimitReset } from '../runners/limit-reset.js';
import { retryDelayMs } from './retry-policy.js';
import type { ActiveTask, SchedulerDeps } from './types.js';

export function failTask(deps: SchedulerDeps, taskId: string, type: ErrorType, error: string): void {
  deps.transition(taskId, 'fail', { reason: error, patch: { error_type: type, error } });
}

/** How long a task whose run was interrupted (a dropped connection) waits before it runs again. */
const INTERRUPTED_PAUSE_MS = 15_000;

const STOPPED = {
  cancel: { event: 'stop_run', type: 'cancelled', actor: 'user' },
  timeout: { event: 'time_out', type: 'timeout', actor: 'switchboard' },
  shutdown: { event: 'interrupt', type: 'interrupted', actor: 'switchboard' },
} as const;

function stopMessage(reason: keyof typeof STOPPED, task: Task, ttlMs: number): string {
  if (reason === 'cancel') return 'cancelled by user';
  if (reason === 'shutdown') return 'Switchboard stopped while the task was running; it resumes when Switchboard starts again';
  return `task ${task.id} ran past its time limit of ${Math.round(ttlMs / 1000)} s; its agent and the processes it started were stopped. Retry it with a longer ttlSeconds if it needs more time.`;
}

export async function finishTask(deps: SchedulerDeps, task: Task, active: ActiveTask, runId: number | null, outcome: RunOutcome | null): Promise<void> {
  const { store, clock, transition } = deps;
  const reason = active.stopReason;
  let end: RunOutcome = outcome ?? { exitCode: null, signal: null, errorType: null, error: null, flags: [] };

  if (reason) {
    const s = STOPPED[reason];
    const error = stopMessage(reason, task, deps.ttlMs?.(task) ?? task.ttlSeconds * 1000);
    end = { ...end, errorType: s.type, error };
    if (runId != null) store.runs.finish(runId, end, clock.now(), reason === 'shutdown' ? 'interrupted' : 'exited');
    transition(task.id, s.event, { actor: s.actor, reason: error, patch: { error_type: s.type, error } });
    return;
  }
  if (end.errorType === 'interrupted') {
    // The runner lost its agent without the agent failing (a host's connection dropped, issue 14):
    // the run is interrupted with the reason, and the task queued again per onInterrupted, after a pause.
    if (runId != null) store.runs.finish(runId, end, clock.now(), 'interrupted');
    const error = end.error ?? 'the run was interrupted';
    transition(task.id, 'interrupt', { reason: error, patch: { error_type: 'interrupted', error } });
    if (deps.config.get().onInterrupted === 'requeue') {
      transition(task.id, 'resume', { reason: 'requeued after its run was interrupted (onInterrupted: requeue)', patch: { not_before: clock.now() + INTERRUPTED_PAUSE_MS, ended_at: null } });
    }
    return;
  }
  if (runId != null) store.runs.finish(runId, end, clock.now());

  if (end.errorType === 'rate_limit') {
    // A limit that names its reset is waited out, not retried into: no attempt is used up.
    const resetAt = parseLimitReset(end.error, clock.now());
    if (resetAt != null) {
      const until = iso(resetAt);
      transition(task.id, 'retry_later', {
        reason: `waiting until ${until}, when the agent's usage limit resets`,
        patch: { not_before: resetAt, error_type: 'rate_limit', error: `${end.error ?? 'usage limit reached'}. The task waits until ${until}, when the limit resets, and runs again then.` },
      });
      return;
    }
  }
  if (end.errorType) {
    const fresh = store.tasks.get(task.id) ?? task;
    const delay = retryDelayMs(deps.config.get(), end.errorType, fresh.retryCount);
    if (delay != null) {
      transition(task.id, 'retry_later', {
        reason: `retrying after ${end.errorType} in ${Math.round(delay / 1000)} s`,
        patch: { retry_count: fresh.retryCount + 1, not_before: clock.now() + delay, error_type: end.errorType, error: end.error },
      });
    } else failTask(deps, task.id, end.errorType, end.error ?? `the agent failed (${end.errorType})`);
    return;
  }

  let captured;
  try {
    captured = await deps.workspace.capture(store.tasks.get(task.id) ?? task, runId ?? 0);
  } catch (err) {
    return failTask(deps, task.id, 'git_error', `could not capture the changes of task ${task.id}: ${(err as Error).message}`);
  }
  if (active.stopReason === 'cancel') {
    transition(task.id, 'stop_run', { actor: 'user', reason: 'cancelled by user', patch: { error_type: 'cancelled', error: 'cancelled by user' } });
    return;
  }
  const denial = end.flags.find((f) => f.startsWith('permission_denials'));
  const denied = denial ? `${denial}; the agent could not make every change it wanted. Check its permission mode, then retry or follow up.` : null;
  if (captured) {
    transition(task.id, 'capture', { data: { changeId: captured.changeId }, patch: { error_type: denied ? 'permission_denied' : null, error: denied } });
  } else if (denied) {
    failTask(deps, task.id, 'permission_denied', denied);
  } else {
    // No change after failed tool calls deserves a hint: the agent may have meant to change something.
    const failedTools = end.flags.find((f) => f.startsWith('failed_tool_calls'));
    const hint = failedTools ? `the agent made no changes, and ${failedTools.replace(/^failed_tool_calls: /, '')}: read its transcript, then retry or follow up.` : null;
    transition(task.id, 'capture_empty', { patch: { error_type: null, error: hint } });
    // Nothing to review, so nothing to keep: the worktree goes now rather than at the next sweep.
    await deps.workspace.cleanup(task.id, { nothingUncaptured: true }).catch((err: unknown) => {
      store.audit.append(deps.clock.now(), 'workspace.cleanup_failed', task.id, 'switchboard', { error: (err as Error).message });
    });
  }
}
