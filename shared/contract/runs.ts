import { z } from 'zod';
import { RunEvent } from '../models/run.js';
import { TaskId } from '../models/task.js';
import { request } from './define.js';

const RunRef = { taskId: TaskId, /** Defaults to the task's latest run. */ runId: z.number().int().optional() };

export const OutputChunk = z.object({ seq: z.number().int(), data: z.string() });

/** Stored terminal output after a seq: an agent run's (runs.output) or an app run's (tasks.appOutput). */
export const OutputReplay = z.object({
  chunks: z.array(OutputChunk),
  /** Output that is no longer available before the first chunk (per-run cap, or beyond maxBytes). */
  droppedBytes: z.number().int(),
  /** Text to show in place of the dropped output, or null. */
  droppedMarker: z.string().nullable(),
  /** Whether its process is still running (more will arrive as run.output / appRun.output). */
  live: z.boolean(),
});

export const runRequests = {
  /**
   * Stored terminal output of a run after `afterSeq`, oldest first. A late viewer subscribes to
   * `run.output` first, then replays with this, and drops pushed chunks whose seq it already has.
   */
  'runs.output': request(
    z.object({ ...RunRef, afterSeq: z.number().int().min(-1).optional(), maxBytes: z.number().int().min(1024).max(64 * 1024 * 1024).optional() }),
    OutputReplay.extend({ runId: z.number().int().nullable() }),
  ),
  /** Structured events of a run (assistant text, tool uses, result...), after `afterSeq`. */
  'runs.events': request(z.object({ ...RunRef, afterSeq: z.number().int().min(-1).optional() }), z.object({ runId: z.number().int().nullable(), events: z.array(RunEvent) })),
  /** Types into the running agent's terminal. */
  'runs.write': request(z.object({ taskId: TaskId, data: z.string().max(64 * 1024) }), z.object({ ok: z.literal(true) })),
  /** Resizes the running agent's terminal to its viewer. */
  'runs.resize': request(
    z.object({ taskId: TaskId, cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }),
    z.object({ ok: z.literal(true) }),
  ),
};
