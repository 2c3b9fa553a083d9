import { z } from 'zod';
import { UsageTotals } from './usage.js';

/** Every state a task can be in. ARCHITECTURE.md draws the transitions; only transitionTask() writes them. */
export const TASK_STATES = [
  'queued',
  'preparing',
  'running',
  'awaiting_input',
  'awaiting_review',
  'applied',
  /** The change left as a pull request instead (issue 16); a follow-up can still push to it. */
  'pr_opened',
  'rejected',
  'no_changes',
  'failed',
  'timed_out',
  'cancelled',
  'interrupted',
] as const;
export const TaskState = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskState>;

/** States a task never leaves. A completion report is written when a task reaches one. */
export const FINAL_STATES: readonly TaskState[] = ['applied', 'pr_opened', 'rejected', 'no_changes', 'failed', 'timed_out', 'cancelled'];
/** States in which an agent process may be alive. */
export const ACTIVE_STATES: readonly TaskState[] = ['preparing', 'running', 'awaiting_input'];

export const isFinalState = (s: TaskState): boolean => FINAL_STATES.includes(s);

export const ERROR_TYPES = [
  'rate_limit',
  'overloaded',
  'context_overflow',
  'auth',
  'permission_denied',
  'timeout',
  'crashed',
  'agent_error',
  'agent_unavailable',
  'invalid_dispatch',
  'git_error',
  'setup_failed',
  'pr_error',
  'interrupted',
  'cancelled',
  'internal',
] as const;
export const ErrorType = z.enum(ERROR_TYPES);
export type ErrorType = z.infer<typeof ErrorType>;

export const TaskSource = z.enum(['dispatch', 'ui', 'cli', 'api']);
export type TaskSource = z.infer<typeof TaskSource>;

/** Dispatch ids and task ids share one form (issue #3). */
export const TASK_ID_RE = /^dispatch-[A-Za-z0-9_.-]{1,119}$/;
export const TaskId = z.string().regex(TASK_ID_RE, 'a task id looks like dispatch-<letters, digits, - _ .>').max(128);

/** A task's pull request and what was last seen of it (polled while the app runs). */
export const PullRequestInfo = z.object({
  number: z.number().int(),
  url: z.string(),
  repo: z.string(),
  /** The REST API root it lives behind (https://api.github.com, or a GitHub Enterprise one). */
  apiUrl: z.string(),
  branch: z.string(),
  base: z.string(),
  /** The commit last pushed to the branch. */
  head: z.string(),
  state: z.enum(['open', 'closed', 'merged']),
  /** Combined CI status of the head commit, null until known. */
  checks: z.enum(['pending', 'success', 'failure', 'error']).nullable(),
});
export type PullRequestInfo = z.infer<typeof PullRequestInfo>;

export const Task = z.object({
  id: TaskId,
  projectId: z.number().int(),
  projectDir: z.string(),
  /** The host its project lives on and its agent runs on (config.json `hosts`); null for this machine. */
  host: z.string().nullable().optional(),
  prompt: z.string(),
  agent: z.string(),
  state: TaskState,
  priority: z.number().int(),
  ttlSeconds: z.number().int(),
  source: TaskSource,
  dispatchedBy: z.string().nullable(),
  /** Run in the project dir itself instead of a worktree (issue #6). */
  inPlace: z.boolean(),
  baseBranch: z.string().nullable(),
  baseCommit: z.string().nullable(),
  branch: z.string().nullable(),
  worktreePath: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  retryCount: z.number().int(),
  errorType: ErrorType.nullable(),
  error: z.string().nullable(),
  /** The pull request the change left as (issue 16), or null. */
  pr: PullRequestInfo.nullable(),
  /** Dispatch extras kept verbatim: constraints, learnings, unknown fields, ... */
  meta: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** The best-of-N group this task belongs to (issue 17): siblings share prompt, project and base commit. */
  groupId: z.string().nullable().optional(),
  /** When a person archived it (finished tasks only): hidden from lists unless asked for. */
  archivedAt: z.string().nullable().optional(),
  /** What its runs cost, summed over the runs whose agent reported usage; null when none did. */
  usage: UsageTotals.nullable().optional(),
});
export type Task = z.infer<typeof Task>;
