/**
 * The runs whose agent is alive in this process: their output path (with the ring buffer live viewers
 * read) and the handle that types into and resizes their terminal. One entry per task.
 */
import type { RunOutput } from './run-output.js';
import type { RunHandle } from './runner.js';

export interface LiveRun {
  taskId: string;
  runId: number;
  output: RunOutput;
  handle: RunHandle | null;
}

export interface LiveRuns {
  add(run: LiveRun): void;
  get(taskId: string): LiveRun | undefined;
  byRunId(runId: number): LiveRun | undefined;
  remove(taskId: string, runId: number): void;
  count(): number;
}

export function createLiveRuns(): LiveRuns {
  const byTask = new Map<string, LiveRun>();
  return {
    add: (run) => void byTask.set(run.taskId, run),
    get: (taskId) => byTask.get(taskId),
    byRunId(runId) {
      for (const r of byTask.values()) if (r.runId === runId) return r;
      return undefined;
    },
    remove(taskId, runId) {
      if (byTask.get(taskId)?.runId === runId) byTask.delete(taskId);
    },
    count: () => byTask.size,
  };
}
