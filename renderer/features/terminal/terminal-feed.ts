import type { Api, EventPayload } from '../../../shared/contract.js';
import { followRun, replayAppOutput, replayOutput, type AppOutputReplay, type OutputReplay } from '../../../shared/live/follow-run.js';

export type OutputEvent = EventPayload<'run.output'>;

/** Which of a task's terminals: its agent's runs, or its app (switchboard.json `run`, whose app runs are the "runs"). */
export type TerminalStream = 'agent' | 'app';

/**
 * How much stored output a viewer replays when it opens: the newest 2 MB, about what the terminal's
 * 20,000 lines of scrollback hold. Older output would be parsed only to fall off the top; the core
 * says how much was left out and the view shows that as a marker line.
 */
export const REPLAY_BYTES = 2 * 1024 * 1024;

export interface TerminalFeedDeps {
  api: Pick<Api, 'runs.output' | 'tasks.appOutput'>;
  /** Default: the agent's terminal. */
  stream?: TerminalStream;
  /** Subscribes to pushed run.output events; returns the unsubscribe. */
  subscribe(listener: (e: OutputEvent) => void): () => void;
  /** Calls `listener` each time the event link (re)opens after being down; returns the unsubscribe. */
  onReconnect?(listener: () => void): () => void;
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
 * and no duplicate (invariant 5), through the shared followRun routine. After the event link
 * reopens it replays again from the last chunk written, so a tail pushed while it was down is not lost.
 */
export function openTerminalFeed(taskId: string, deps: TerminalFeedDeps): { dispose(): void; ready: Promise<void>; resync(): Promise<void> } {
  const follow = followRun<OutputReplay | AppOutputReplay>({
    subscribe: (listener) => deps.subscribe((e) => e.taskId === taskId && listener(e)),
    replay: deps.stream === 'app' ? replayAppOutput(deps.api, taskId, REPLAY_BYTES) : replayOutput(deps.api, taskId, REPLAY_BYTES),
    onRun: () => deps.reset(),
    onReplay: (res, fromStart) => {
      // At the start of a run: output older than the replay window. Mid-run (a resync after the view
      // fell behind, or after a reconnect): output that came meanwhile beyond the window. Either way
      // the view says how much it does not show, where it is missing.
      if (res.droppedBytes > 0) deps.write(omittedMarker(res.droppedBytes, fromStart ? 'earlier' : 'skipped'));
      deps.onRun?.({ runId: res.runId, live: res.live });
    },
    // One write for a whole replay (bounded by REPLAY_BYTES): far cheaper for xterm than many.
    deliver: (chunks) => deps.write(chunks.length === 1 ? chunks[0].data : chunks.map((c) => c.data).join('')),
    onError: (err) => deps.onError?.(`Could not load the terminal output of ${taskId}: ${err instanceof Error ? err.message : String(err)}`),
  });
  const offReconnect = deps.onReconnect?.(() => void follow.resync());
  return {
    ready: follow.ready,
    resync: follow.resync,
    dispose() {
      offReconnect?.();
      follow.dispose();
    },
  };
}

/** The line shown where output is missing: above a replay that starts after the run's first output, or at a gap mid-run. */
export function omittedMarker(bytes: number, where: 'earlier' | 'skipped' = 'earlier'): string {
  const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
  const what = where === 'earlier' ? `${size} of earlier output is not shown` : `${size} of output came while this view was behind and is not shown`;
  // Mid-run the cursor may be anywhere on a line: the marker starts on a line of its own.
  return `${where === 'skipped' ? '\r\n' : ''}\x1b[2m[switchboard: ${what}]\x1b[0m\r\n`;
}
