/**
 * The completion report (issue #3): `<dispatch>/completed/<id>.json`, written atomically when a task
 * ends, and POSTed to the dispatch's callback_url. Orchestrators read it, so its fields are snake_case
 * like the dispatch file's.
 */
import { z } from 'zod';
import { ErrorType, type TaskState } from './task.js';

export const COMPLETION_SCHEMA_VERSION = 1;

/** How a task can end. Every one is a final task state. */
export const COMPLETION_STATUSES = ['applied', 'pr_opened', 'rejected', 'no_changes', 'failed', 'cancelled', 'timed_out'] as const satisfies readonly TaskState[];
export const CompletionStatus = z.enum(COMPLETION_STATUSES);
export type CompletionStatus = z.infer<typeof CompletionStatus>;

/** Statuses that count as success for `switchboard dispatch --wait` (exit 0). */
export const SUCCESS_STATUSES: readonly CompletionStatus[] = ['applied', 'pr_opened', 'no_changes'];

export const DiffStats = z.object({
  files: z.number().int().min(0),
  additions: z.number().int().min(0),
  deletions: z.number().int().min(0),
});
export type DiffStats = z.infer<typeof DiffStats>;

export const CompletionReport = z.object({
  schema_version: z.literal(COMPLETION_SCHEMA_VERSION),
  dispatch_id: z.string().min(1),
  status: CompletionStatus,
  /** Seconds from intake to the end, or null when the task never existed (a rejected file). */
  duration: z.number().min(0).nullable(),
  target_agent: z.string().nullable(),
  error: z.string().nullable(),
  error_type: ErrorType.nullable(),
  retry_count: z.number().int().min(0),
  /** Paths the captured change touches (new paths for renames). */
  files_changed: z.array(z.string()),
  diff_stats: DiffStats,
  branch: z.string().nullable(),
  commits: z.array(z.string()),
  /** The pull request the change left as (status pr_opened), else null. */
  pull_request: z.object({ number: z.number().int(), url: z.string(), branch: z.string(), base: z.string() }).nullable(),
  project: z.string().nullable(),
  project_dir: z.string().nullable(),
  dispatched_by: z.string().nullable(),
  clawvisor_task_id: z.string().nullable(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  completed_at: z.string(),
});
export type CompletionReport = z.infer<typeof CompletionReport>;

export const isSuccessStatus = (s: CompletionStatus): boolean => SUCCESS_STATUSES.includes(s);

/**
 * The report of a best-of-N group (issue 17), written as `<dispatch>/completed/<group id>.group.json`
 * once every sibling has ended, next to each sibling's own report, and POSTed to the group's
 * callback_url like them. `dispatch_id` is the group id (the first sibling's dispatch id).
 */
export const GroupCompletionReport = z.object({
  schema_version: z.literal(COMPLETION_SCHEMA_VERSION),
  kind: z.literal('group'),
  dispatch_id: z.string().min(1),
  group_id: z.string().min(1),
  /** The winner's status, or no_winner when no sibling was applied or sent as a pull request. */
  status: z.enum(['applied', 'pr_opened', 'no_winner']),
  /** The sibling approved first (the others were superseded by it), or null. */
  winner: z.object({ dispatch_id: z.string(), target_agent: z.string() }).nullable(),
  siblings: z.array(
    z.object({
      dispatch_id: z.string(),
      target_agent: z.string(),
      status: CompletionStatus,
      /** The winner that superseded this sibling, when it was. */
      superseded_by: z.string().nullable(),
      files_changed: z.array(z.string()),
    }),
  ),
  project: z.string().nullable(),
  project_dir: z.string(),
  dispatched_by: z.string().nullable(),
  completed_at: z.string(),
});
export type GroupCompletionReport = z.infer<typeof GroupCompletionReport>;
