import type { Run } from '../../../shared/models/run.js';
import { AppError, notFound } from '../errors.js';
import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import type { AgentRegistry, RemoteProbe } from './agent-registry.js';
import type { LiveRuns } from './live-runs.js';
import type { OutputReplay } from './output-replay.js';

export interface RunsControllerDeps {
  store: Store;
  live: LiveRuns;
  replay: OutputReplay;
}

/** runs.*: replay and follow a run's terminal and events, type into it, resize it. */
export function createRunsController({ store, live, replay }: RunsControllerDeps): Pick<Handlers, 'runs.output' | 'runs.events' | 'runs.write' | 'runs.resize'> {
  const runOf = (taskId: string, runId?: number): Run | null => {
    if (!store.tasks.getRow(taskId)) throw notFound(`task ${taskId}`);
    if (runId == null) return store.runs.latest(taskId);
    const run = store.runs.get(runId);
    if (!run || run.taskId !== taskId) throw notFound(`run ${runId} of task ${taskId}`);
    return run;
  };
  const liveOf = (taskId: string) => {
    if (!store.tasks.getRow(taskId)) throw notFound(`task ${taskId}`);
    const run = live.get(taskId);
    if (!run?.handle) throw new AppError('conflict', `task ${taskId} has no running agent to talk to; it may have finished or not started yet`);
    return run.handle;
  };

  return {
    'runs.output'({ taskId, runId, afterSeq, maxBytes }) {
      const run = runOf(taskId, runId);
      if (!run) return { runId: null, chunks: [], droppedBytes: 0, droppedMarker: null, live: false };
      return { runId: run.id, ...replay(run.id, afterSeq ?? -1, maxBytes) };
    },
    'runs.events'({ taskId, runId, afterSeq }) {
      const run = runOf(taskId, runId);
      return { runId: run?.id ?? null, events: run ? store.events.list(run.id, taskId, afterSeq ?? -1) : [] };
    },
    'runs.write'({ taskId, data }) {
      liveOf(taskId).write(data);
      return { ok: true as const };
    },
    'runs.resize'({ taskId, cols, rows }) {
      liveOf(taskId).resize(cols, rows);
      return { ok: true as const };
    },
  };
}

/** `remoteProbe` detects on a host of config.json (issue 14); without it `host` is refused. */
export function createAgentsController(registry: AgentRegistry, remoteProbe?: (host: string) => RemoteProbe): Pick<Handlers, 'agents.list'> {
  return {
    'agents.list': ({ refresh, host }) => {
      if (host && !remoteProbe) throw new AppError('invalid_input', 'this instance cannot detect agents on hosts');
      return registry.list({ refresh, remote: host ? remoteProbe!(host) : undefined });
    },
  };
}
