import { z } from 'zod';
import { RunUsage } from '../models/usage.js';
import { Task, TaskId, TaskState } from '../models/task.js';
import { Run } from '../models/run.js';
import { AppState } from '../models/app-run.js';
import { OutputReplay } from './runs.js';
import { request } from './define.js';

const TaskIdInput = z.object({ id: TaskId });

export const taskRequests = {
  'tasks.list': request(
    z.object({
      state: z.union([TaskState, z.array(TaskState)]).optional(),
      projectId: z.number().int().optional(),
      projectDir: z.string().optional(),
      search: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(500).default(50),
      /** Opaque cursor from the previous page's nextCursor. */
      cursor: z.string().optional(),
    }),
    z.object({ tasks: z.array(Task), nextCursor: z.string().nullable() }),
  ),
  'tasks.get': request(
    TaskIdInput,
    z.object({
      task: Task,
      runs: z.array(Run),
      /** The usage its runs' agents reported (one entry per run that reported any). */
      usage: z.array(RunUsage),
      /** Why a queued task has not started yet (retry backoff, a busy folder, full slots...). */
      waiting: z.string().nullable().optional(),
      /** Whether its latest run recorded structured events (stream-json, ACP): the detail opens on the timeline. */
      hasEvents: z.boolean().optional(),
      /** switchboard.json `run` for its worktree: not configured, no worktree, idle, running, or how it exited. */
      app: AppState.optional(),
    }),
  ),
  /** Why each queued task has not started yet (the board shows it on the card): one entry per queued task, oldest first, at most 500. */
  'tasks.waiting': request(z.object({}).default({}), z.object({ waiting: z.array(z.object({ taskId: TaskId, reason: z.string() })) })),
  'tasks.create': request(
    z.object({
      projectDir: z.string().min(1),
      prompt: z.string().min(1, 'the prompt is empty'),
      agent: z.string().min(1).optional(),
      /** Two or more agents: a best-of-N group, one sibling per agent (issue 17). Returns the first sibling; its groupId names the group. */
      agents: z.array(z.string().min(1)).min(1).max(8).optional(),
      ttlSeconds: z.number().int().min(60).max(86_400).optional(),
      constraints: z.array(z.string()).optional(),
      priority: z.number().int().min(-100).max(100).optional(),
      inPlace: z.boolean().optional(),
      baseBranch: z.string().optional(),
      /** A host of config.json (issue 14): the agent runs there and projectDir is a path on it. */
      host: z.string().min(1).optional(),
      callbackUrl: z.string().url().optional(),
      /** Who asks: the app's New Task dialog says "ui". It only labels the task ("via the app"). */
      via: z.enum(['ui', 'api']).optional(),
    }),
    Task,
  ),
  'tasks.cancel': request(TaskIdInput, Task),
  /** Runs a failed, timed-out, cancelled or interrupted task again; with prompt, agent or time limit, changed first ("retry with changes"). */
  'tasks.retry': request(
    z.object({
      id: TaskId,
      prompt: z.string().min(1, 'the prompt is empty').optional(),
      agent: z.string().min(1).optional(),
      ttlSeconds: z.number().int().min(60).max(86_400).optional(),
    }),
    Task,
  ),
  /**
   * Done on a running interactive agent (definition `interactive: true`): ends its TUI gracefully and
   * captures the diff. Returns the task once it has left `running` (awaiting_review or no_changes).
   */
  'tasks.done': request(TaskIdInput, Task),
  /**
   * Runs switchboard.json's `run` (dev server, tests) in the task's worktree, in a terminal of its own
   * (issue 16). Refused (conflict) when it is already running, the task has no worktree, or there is no `run`.
   */
  'tasks.runApp': request(
    z.object({ id: TaskId, cols: z.number().int().min(2).max(1000).optional(), rows: z.number().int().min(1).max(500).optional() }),
    AppState,
  ),
  /** Stops the task's app and its whole process tree; returns once it has ended (a no-op when it is not running). */
  'tasks.stopApp': request(TaskIdInput, AppState),
  /** The app's stored terminal output after `afterSeq` (its latest start unless appRunId); follow `appRun.output` first, as with runs.output. */
  'tasks.appOutput': request(
    z.object({ id: TaskId, appRunId: z.number().int().optional(), afterSeq: z.number().int().min(-1).optional(), maxBytes: z.number().int().min(1024).max(64 * 1024 * 1024).optional() }),
    OutputReplay.extend({ appRunId: z.number().int().nullable() }),
  ),
  /** Types into / resizes the running app's terminal. */
  'tasks.appWrite': request(z.object({ id: TaskId, data: z.string().max(64 * 1024) }), z.object({ ok: z.literal(true) })),
  'tasks.appResize': request(
    z.object({ id: TaskId, cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }),
    z.object({ ok: z.literal(true) }),
  ),
};
