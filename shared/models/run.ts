import { z } from 'zod';
import { ErrorType } from './task.js';

export const Transport = z.enum(['pty', 'acp']);
export type Transport = z.infer<typeof Transport>;

export const RunState = z.enum(['starting', 'running', 'exited', 'interrupted']);
export type RunState = z.infer<typeof RunState>;

/** One attempt at a task: one agent process (invariant 2). */
export const Run = z.object({
  id: z.number().int(),
  taskId: z.string(),
  attempt: z.number().int(),
  agent: z.string(),
  transport: Transport,
  /** The agent's own TUI ran in the terminal for the person to type to; Done (tasks.done) ends it. */
  interactive: z.boolean(),
  state: RunState,
  pid: z.number().int().nullable(),
  /** Process start time as the OS reports it, so a recycled pid is never mistaken for our agent. */
  pidStartTime: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  errorType: ErrorType.nullable(),
  error: z.string().nullable(),
  /** The agent's own session id (Claude --resume, ACP sessionId). */
  sessionId: z.string().nullable(),
  /** Notes for the user, e.g. "permission_denials", "acp_fallback: ...". */
  flags: z.array(z.string()),
  outputBytes: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type Run = z.infer<typeof Run>;

/** A structured event of a run: Claude stream-json messages, ACP session/update notifications. */
export const RunEvent = z.object({
  runId: z.number().int(),
  taskId: z.string(),
  seq: z.number().int(),
  kind: z.string(),
  data: z.unknown(),
  ts: z.string(),
});
export type RunEvent = z.infer<typeof RunEvent>;
