import { isFinalState, type Task, type TaskState } from '../../../shared/models/task.js';

const RETRYABLE: readonly TaskState[] = ['failed', 'timed_out', 'cancelled', 'interrupted'];

/** Which buttons the task detail offers, mirroring what the core accepts (tasks-controller.ts). */
export function taskActions(task: Task): { cancel: boolean; retry: boolean; review: boolean } {
  return {
    cancel: !isFinalState(task.state),
    retry: RETRYABLE.includes(task.state),
    review: task.state === 'awaiting_review',
  };
}

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
      return 'The task hit its time limit. Retry with a longer TTL or a smaller prompt.';
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
