/**
 * switchboard.json's `run` (issue 16): "run the app" in a task's worktree. One AppRun per start; the
 * task's AppState says whether it can run, is running, or how it last ended.
 */
import { z } from 'zod';

export const AppRun = z.object({
  id: z.number().int(),
  taskId: z.string(),
  /** The command from switchboard.json, as it was when started. */
  command: z.string(),
  state: z.enum(['running', 'exited']),
  pid: z.number().int().nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type AppRun = z.infer<typeof AppRun>;

/**
 * The task's "run the app" state: `not_configured` (no `run` in switchboard.json), `no_worktree`
 * (applied, removed, in place, on a host), `idle` (can start), `running`, `exited` (see run.exitCode).
 */
export const AppState = z.object({
  status: z.enum(['not_configured', 'no_worktree', 'idle', 'running', 'exited']),
  /** switchboard.json's `run` in the task's worktree, when there is one. */
  command: z.string().nullable(),
  /** The latest start, if any. */
  run: AppRun.nullable(),
  /** Why it cannot start, in words a person can act on (null when it can). */
  message: z.string().nullable(),
});
export type AppState = z.infer<typeof AppState>;
