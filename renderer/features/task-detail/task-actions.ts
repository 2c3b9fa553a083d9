import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import { taskActionsFor } from '../../../shared/models/task-transitions.js';

/** Which buttons the task detail offers: the core's own state table says (shared/models/task-transitions.ts). */
export const taskActions = (task: Pick<Task, 'state'>): { cancel: boolean; retry: boolean; review: boolean } => taskActionsFor(task.state);

/** Done: the task runs an interactive agent (its own TUI) that the person ends to send its work to review. */
export const canFinish = (task: Pick<Task, 'state'>, latestRun: Pick<Run, 'interactive'> | null): boolean =>
  task.state === 'running' && latestRun?.interactive === true;

/** What the user can do about a failed task, by its error type. */
export function nextStepFor(task: Task): string | null {
  switch (task.errorType) {
    case 'rate_limit':
    case 'overloaded':
      return 'The agent’s provider is busy. Retry later.';
    case 'auth':
      return 'The agent is not logged in. Log in with its own CLI, then retry.';
    case 'agent_unavailable':
      return 'The agent command was not found. Install it or fix its command in Agents, then retry.';
    case 'context_overflow':
      return 'The conversation grew too long for the model. Split the prompt and retry.';
    case 'timeout':
      return 'The task hit its time limit. Retry runs it again with the same limit; for more time, create it again with a longer one, or split the prompt.';
    case 'git_error':
      return 'Git could not prepare or apply the change. Check the project’s repository, then retry.';
    case 'interrupted':
      return 'Switchboard stopped while this task ran. Retry to run it again.';
    case null:
      return null;
    default:
      return task.state === 'cancelled' ? null : 'Read the run’s error below, then retry.';
  }
}

/** Running this long, an agent has done work worth a second thought before it is thrown away. */
export const LONG_RUN_MS = 5 * 60_000;

/**
 * Why cancelling this task deserves a confirmation, or null when one click is fine: a change that
 * waits for review would be discarded, and a long run would be lost.
 */
export function cancelWarning(task: Pick<Task, 'state' | 'startedAt'>, now: number): string | null {
  if (task.state === 'awaiting_review') return 'Its change has not been reviewed yet: cancelling discards it.';
  if (task.startedAt && (task.state === 'running' || task.state === 'awaiting_input') && now - Date.parse(task.startedAt) >= LONG_RUN_MS) {
    return 'The agent has been working for a while: cancelling stops it, and its work is not kept for review.';
  }
  return null;
}
