/**
 * `switchboard run`'s logic apart from the terminal and the socket: subscribe to the events first,
 * start the task's app (switchboard.json `run`), then follow its output with the shared followRun
 * routine (no chunk lost or shown twice) until it ends by itself, or until an interrupt (Ctrl+C),
 * which stops it and its whole process tree.
 */
import type { Api } from '../../shared/contract.js';
import { appOutputItem, followRun, replayAppOutput, type AppOutputReplay } from '../../shared/live/follow-run.js';
import type { AppState } from '../../shared/models/app-run.js';
import type { EventSource } from './attach-session.js';

export interface FollowAppIO {
  write(data: string): void;
  /** Calls `listener` on the first interrupt (Ctrl+C); returns the unsubscribe. */
  onInterrupt(listener: () => void): () => void;
  size(): { cols: number; rows: number } | null;
}

export interface FollowAppResult {
  /** How it ended: by itself, or stopped on the interrupt. */
  reason: 'exited' | 'stopped' | 'lost';
  app: AppState;
}

export async function followApp(opts: { api: Api; events: EventSource; taskId: string; io: FollowAppIO; onLost?: (listener: () => void) => void }): Promise<FollowAppResult> {
  const { api, events, taskId, io } = opts;
  let appRunId: number | null = null;
  let finish!: (reason: FollowAppResult['reason']) => void;
  const finished = new Promise<FollowAppResult['reason']>((r) => (finish = r));
  const follow = followRun<AppOutputReplay>({
    subscribe: (onOutput) =>
      events.subscribe((e) => {
        if (e.name === 'appRun.output' && e.payload.taskId === taskId) onOutput(appOutputItem(e.payload));
        else if (e.name === 'appRun.changed' && e.payload.taskId === taskId && appRunId != null && e.payload.app.run?.id === appRunId && e.payload.app.status !== 'running') finish('exited');
      }),
    // Before it has started, there is nothing of this start to replay.
    replay: async (q): Promise<AppOutputReplay> => (appRunId == null ? { runId: null, items: [], chunks: [], droppedBytes: 0, droppedMarker: null, live: false } : replayAppOutput(api, taskId)({ runId: q.runId ?? appRunId, afterSeq: q.runId == null || q.runId === appRunId ? q.afterSeq : -1 })),
    onReplay: (res, fromStart) => {
      if (fromStart && res.droppedMarker) io.write(res.droppedMarker);
    },
    deliver: (chunks) => {
      for (const c of chunks) if (c.runId === appRunId) io.write(c.data);
    },
    onError: (err) => io.write(`\r\n[switchboard: cannot read the app's output: ${err instanceof Error ? err.message : String(err)}]\r\n`),
  });
  const offInterrupt = io.onInterrupt(() => finish('stopped'));
  opts.onLost?.(() => finish('lost'));
  try {
    await follow.ready;
    const started = await api['tasks.runApp']({ id: taskId, ...(io.size() ?? {}) });
    appRunId = started.run?.id ?? null;
    await follow.resync();
    // It may have ended before appRunId was known: ask once.
    const now = (await api['tasks.get']({ id: taskId })).app;
    if (now?.run?.id === appRunId && now.status !== 'running') finish('exited');
    const reason = await finished;
    const app = reason === 'stopped' ? await api['tasks.stopApp']({ id: taskId }) : ((await api['tasks.get']({ id: taskId })).app ?? started);
    if (reason !== 'lost') await follow.resync();
    return { reason, app };
  } finally {
    offInterrupt();
    follow.dispose();
  }
}
