/**
 * `switchboard attach`'s logic, apart from the terminal and the socket: subscribe to the event
 * stream first, replay the run's stored output, then follow it live, dropping chunks already shown
 * (dedupe by seq: no gap, no duplicate). Keystrokes go to the agent through runs.write; the viewer's
 * size goes through runs.resize. Ends when the task leaves its active states, or on the detach key.
 */
import type { AnyEvent, Api } from '../../shared/contract.js';
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
  let state = (await api['tasks.get']({ id: taskId })).task.state;
  let finish!: (r: AttachResult) => void;
  const finished = new Promise<AttachResult>((r) => (finish = r));
  let runId: number | null = null;
  let lastSeq = -1;
  let buffered: AnyEvent[] | null = [];

  const handle = (e: AnyEvent): void => {
    if (e.name === 'run.output' && e.payload.taskId === taskId) {
      const p = e.payload;
      if (runId == null || p.runId > runId) {
        if (runId != null) io.write(note(`a new attempt started (run ${p.runId})`));
        runId = p.runId;
        lastSeq = -1;
      }
      if (p.runId === runId && p.seq > lastSeq) {
        io.write(p.data);
        lastSeq = p.seq;
      }
    } else if (e.name === 'task.changed' && e.payload.task.id === taskId) {
      state = e.payload.task.state;
      if (!STILL_GOING.includes(state)) finish({ reason: 'ended', state });
    }
  };

  const unsubscribe = await events.subscribe((e) => (buffered ? buffered.push(e) : handle(e)));
  const cleanups: (() => void)[] = [unsubscribe];
  try {
    const replay = await api['runs.output']({ taskId });
    if (replay.droppedMarker) io.write(replay.droppedMarker);
    runId = replay.runId;
    for (const c of replay.chunks) {
      io.write(c.data);
      lastSeq = c.seq;
    }
    const pending = buffered;
    buffered = null;
    for (const e of pending) handle(e);
    if (!STILL_GOING.includes(state)) return { reason: 'ended', state };

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
        finish({ reason: 'detached', state });
      }),
    );
    const resize = (): void => {
      const size = io.size();
      if (size) enqueue('resize the agent\'s terminal', () => api['runs.resize']({ taskId, ...size }));
    };
    resize();
    cleanups.push(io.onResize(resize));
    opts.onLost?.(() => finish({ reason: 'lost', state }));
    return await finished;
  } finally {
    for (const c of cleanups) c();
  }
}
