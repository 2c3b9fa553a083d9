import type { Api, EventPayload } from '../../../shared/contract.js';

export type OutputEvent = EventPayload<'run.output'>;

/**
 * How much stored output a viewer replays when it opens: the newest 2 MB, about what the terminal's
 * 20,000 lines of scrollback hold. Older output would be parsed only to fall off the top; the core
 * says how much was left out and the view shows that as a marker line.
 */
export const REPLAY_BYTES = 2 * 1024 * 1024;

export interface TerminalFeedDeps {
  api: Pick<Api, 'runs.output'>;
  /** Subscribes to pushed run.output events; returns the unsubscribe. */
  subscribe(listener: (e: OutputEvent) => void): () => void;
  /** Writes terminal data, in order. */
  write(data: string): void;
  /** Clears the screen: a different run is about to be shown. */
  reset(): void;
  /** The run shown and whether its agent still runs. */
  onRun?(run: { runId: number | null; live: boolean }): void;
  onError?(message: string): void;
}

/**
 * Shows a task's terminal: replays the latest run from the store, then follows it live, with no gap
 * and no duplicate (invariant 5). It subscribes before it replays, holds pushed chunks until the
 * replay is written, then drops every chunk whose seq it already has. A chunk that skips ahead, or
 * belongs to a newer run, triggers another replay from the last seq written.
 */
export function openTerminalFeed(taskId: string, deps: TerminalFeedDeps): { dispose(): void; ready: Promise<void> } {
  let runId: number | null = null;
  let lastSeq = -1;
  let replaying = false;
  let pending: OutputEvent[] = [];
  let disposed = false;

  /** `settled`: a replay just ran, so a gap left now is output the store no longer has; accept it. */
  const handle = (e: OutputEvent, settled = false) => {
    if (replaying) {
      pending.push(e);
      return;
    }
    if (runId != null && e.runId < runId) return;
    if (e.runId !== runId || (e.seq > lastSeq + 1 && !settled)) {
      pending.push(e);
      void replay(e.runId);
      return;
    }
    if (e.seq <= lastSeq) return;
    deps.write(e.data);
    lastSeq = e.seq;
  };

  const replay = async (wanted?: number): Promise<void> => {
    if (replaying) return;
    replaying = true;
    try {
      const same = wanted == null || wanted === runId;
      const res = await deps.api['runs.output']({ taskId, ...(wanted != null ? { runId: wanted } : {}), afterSeq: same ? lastSeq : -1, maxBytes: REPLAY_BYTES });
      if (disposed) return;
      if (res.runId !== runId) {
        deps.reset();
        runId = res.runId;
        lastSeq = -1;
      }
      if (res.droppedBytes > 0 && lastSeq < 0) deps.write(omittedMarker(res.droppedBytes));
      // One write for the whole replay (bounded by REPLAY_BYTES): far cheaper for xterm than many.
      const fresh = res.chunks.filter((c) => c.seq > lastSeq);
      if (fresh.length) {
        deps.write(fresh.map((c) => c.data).join(''));
        lastSeq = fresh[fresh.length - 1].seq;
      }
      deps.onRun?.({ runId, live: res.live });
    } catch (err) {
      deps.onError?.(`Could not load the terminal output of ${taskId}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      replaying = false;
    }
    const held = pending;
    pending = [];
    for (const e of held) if (!disposed) handle(e, true);
  };

  const unsubscribe = deps.subscribe((e) => {
    if (!disposed && e.taskId === taskId) handle(e);
  });
  const ready = replay();

  return {
    ready,
    dispose() {
      disposed = true;
      unsubscribe();
      pending = [];
    },
  };
}

/** The line shown above a replay that starts after the run's first output. */
export function omittedMarker(bytes: number): string {
  const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
  return `\x1b[2m[switchboard: ${size} of earlier output is not shown]\x1b[0m\r\n`;
}
