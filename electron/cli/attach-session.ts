/**
 * `switchboard attach`'s logic, apart from the terminal and the socket: subscribe to the event
 * stream first, then replay the run's stored output and read the task's state, then follow both
 * live (shared/live: followRun dedupes output by seq, followTask keeps the newest state), so a task
 * that ends in between is seen to end, and no output is lost or shown twice. Keystrokes go to the agent through runs.write; the viewer's
 * size goes through runs.resize. Ends when the task leaves its active states, or on the detach key.
 */
import type { AnyEvent, Api } from '../../shared/contract.js';
import { followRun, replayOutput } from '../../shared/live/follow-run.js';
import { followTask } from '../../shared/live/follow-task.js';
import type { TaskState } from '../../shared/models/task.js';

export interface AttachIO {
  /** Raw terminal output. */
  write(data: string): void;
  onInput(listener: (data: string) => void): () => void;
  size(): { cols: number; rows: number } | null;
  onResize(listener: () => void): () => void;
}

/** The core's events; `subscribe` resolves once the subscription is live. */
export interface EventSource {
  subscribe(listener: (event: AnyEvent) => void): Promise<() => void>;
}

export interface AttachResult {
  reason: 'ended' | 'detached' | 'lost';
  state: TaskState;
}

/** Ctrl-] as in telnet. */
export const DETACH_KEY = '\x1d';
const STILL_GOING: TaskState[] = ['queued', 'preparing', 'running', 'awaiting_input'];
const note = (text: string): string => `\r\n\x1b[2m[switchboard: ${text}]\x1b[0m\r\n`;

export async function attachSession(opts: { api: Api; events: EventSource; taskId: string; io: AttachIO; onLost?: (listener: () => void) => void }): Promise<AttachResult> {
  const { api, events, taskId, io } = opts;
  let finish!: (r: AttachResult) => void;
  const finished = new Promise<AttachResult>((r) => (finish = r));
  const stateOf = (): TaskState => task.current()?.state ?? 'queued';
  const task = followTask((t) => {
    if (!STILL_GOING.includes(t.state)) finish({ reason: 'ended', state: t.state });
  });

  // One subscription feeds both: the run's output goes through the shared followRun routine, the
  // task's changes through followTask. Both subscribe before they read anything: the task is read
  // once the subscription is live, then the output is replayed.
  const follow = followRun({
    subscribe: async (onOutput) => {
      const off = await events.subscribe((e) => {
        if (e.name === 'run.output' && e.payload.taskId === taskId) onOutput(e.payload);
        else if (e.name === 'task.changed' && e.payload.task.id === taskId) task.pushed(e.payload);
      });
      try {
        task.read((await api['tasks.get']({ id: taskId })).task);
      } catch (err) {
        off();
        throw err;
      }
      return off;
    },
    replay: replayOutput(api, taskId),
    onRun: (runId, previous) => {
      if (previous != null) io.write(note(`a new attempt started (run ${runId})`));
    },
    onReplay: (res, fromStart) => {
      if (fromStart && res.droppedMarker) io.write(res.droppedMarker);
    },
    deliver: (chunks) => {
      for (const c of chunks) io.write(c.data);
    },
    onError: (err) => io.write(note(`cannot read the task's output: ${err instanceof Error ? err.message : String(err)}`)),
  });
  const cleanups: (() => void)[] = [() => follow.dispose()];
  try {
    await follow.ready;
    const state = stateOf();
    if (!STILL_GOING.includes(state)) {
      // The run's tail may still be on its way: replay once more before saying it ended.
      await follow.resync();
      return { reason: 'ended', state };
    }

    // Keystrokes and resizes go out one at a time, in order (a resize is never overtaken by typing).
    let queue = Promise.resolve();
    let warned = false;
    const enqueue = (what: string, call: () => Promise<unknown>): void => {
      queue = queue.then(call).then(
        () => {},
        (err: Error) => {
          if (!warned) io.write(note(`cannot ${what}: ${err.message}`));
          warned = true;
        },
      );
    };
    const send = (data: string): void => enqueue('type into the agent', () => api['runs.write']({ taskId, data }));
    cleanups.push(
      io.onInput((data) => {
        const at = data.indexOf(DETACH_KEY);
        if (at < 0) return send(data);
        if (at > 0) send(data.slice(0, at));
        finish({ reason: 'detached', state: stateOf() });
      }),
    );
    const resize = (): void => {
      const size = io.size();
      if (size) enqueue('resize the agent\'s terminal', () => api['runs.resize']({ taskId, ...size }));
    };
    resize();
    cleanups.push(io.onResize(resize));
    opts.onLost?.(() => finish({ reason: 'lost', state: stateOf() }));
    const result = await finished;
    if (result.reason === 'ended') await follow.resync();
    return result;
  } finally {
    for (const c of cleanups) c();
  }
}
