/**
 * The one subscribe → replay → dedupe routine of every live view of a run (invariant 5): the CLI's
 * `attach`, the UI's terminal and its transcript. It works for either of a run's two streams,
 * `run.output` (terminal chunks) and `run.event` (structured events). Each has its own dense `seq`
 * per run, so a viewer can tell a gap from a duplicate.
 *
 * How it goes:
 * - It subscribes first. Items pushed while a replay is in flight are held.
 * - It replays the stored items after the last seq it has, then lets through the held and pushed
 *   items whose seq is new. No item is shown twice.
 * - A pushed item that skips a seq, or belongs to a newer run, triggers another replay from the last
 *   seq shown. If the store no longer has the missing items (the output cap dropped them), that
 *   replay's result is accepted, and the follow goes on from there.
 * - `resync()` replays again from the last seq shown. A view calls it after its event link reopens:
 *   whatever was pushed while the link was down (the run's tail, a whole new run) comes from the store.
 */
import type { Api, RequestOutput } from '../contract.js';

/** One item of a run's stream: a `run.output` chunk or a `run.event`. */
export interface RunItem {
  runId: number;
  seq: number;
}

/** What a replay returns: the run it read (the task's latest when none was asked for) and its items after `afterSeq`, oldest first. */
export interface RunReplay<T> {
  runId: number | null;
  items: T[];
}

/** The item type of a replay. */
type ItemOf<R extends RunReplay<RunItem>> = R['items'][number];

export interface FollowRunDeps<R extends RunReplay<RunItem>> {
  /**
   * Subscribes to this task's pushed items. Returns the unsubscribe, or a promise of it that resolves
   * once the subscription is live (a socket that must open first). The first replay waits for it.
   */
  subscribe(listener: (item: ItemOf<R>) => void): (() => void) | Promise<() => void>;
  /** Reads stored items of run `runId` (the task's latest run when omitted) after `afterSeq`. */
  replay(query: { runId?: number; afterSeq: number }): Promise<R>;
  /** Another run is about to be shown. `previous` is the run shown until now (null at first). */
  onRun?(runId: number | null, previous: number | null): void;
  /** A replay's result, before its new items are delivered. `fromStart`: nothing of this run was shown yet. */
  onReplay?(res: R, fromStart: boolean): void;
  /** New items of the run shown, in seq order, each once. */
  deliver(items: ItemOf<R>[]): void;
  onError?(err: unknown): void;
}

export interface RunFollow {
  /** Resolves after the first replay was delivered. */
  readonly ready: Promise<void>;
  /** Replays again from the last seq shown (after a reconnect). Resolves once that replay is done. */
  resync(): Promise<void>;
  dispose(): void;
  /** The run shown, and the last seq of it delivered (-1 before any). */
  position(): { runId: number | null; lastSeq: number };
}

export function followRun<R extends RunReplay<RunItem>>(deps: FollowRunDeps<R>): RunFollow {
  type T = ItemOf<R>;
  let runId: number | null = null;
  let lastSeq = -1;
  /** The replay in flight; pushed items are held meanwhile. */
  let replaying: Promise<void> | null = null;
  /** A replay asked for while one was in flight: it runs right after, so nothing pushed before the ask is missed. */
  let again = false;
  let held: T[] = [];
  let disposed = false;

  /** `settled`: a replay just ran, so a gap left now is something the store no longer has; accept it. */
  const handle = (item: T, settled = false): void => {
    if (disposed) return;
    if (replaying) return void held.push(item);
    if (runId != null && item.runId < runId) return;
    if (item.runId !== runId || (item.seq > lastSeq + 1 && !settled)) {
      held.push(item);
      void replay(item.runId);
      return;
    }
    if (item.seq <= lastSeq) return;
    lastSeq = item.seq;
    deps.deliver([item]);
  };

  const read = async (wanted?: number): Promise<void> => {
    const from = wanted == null || wanted === runId ? lastSeq : -1;
    let res = await deps.replay({ ...(wanted != null ? { runId: wanted } : {}), afterSeq: from });
    // The latest run is not the one shown: read it from its start.
    if (res.runId !== runId && from >= 0 && res.runId != null) res = await deps.replay({ runId: res.runId, afterSeq: -1 });
    if (disposed) return;
    if (res.runId !== runId) {
      deps.onRun?.(res.runId, runId);
      runId = res.runId;
      lastSeq = -1;
    }
    const fresh = res.items.filter((i) => i.seq > lastSeq);
    deps.onReplay?.(res, lastSeq < 0);
    if (fresh.length) {
      lastSeq = fresh[fresh.length - 1].seq;
      deps.deliver(fresh);
    }
  };

  const replay = (wanted?: number): Promise<void> => {
    if (replaying) {
      again = true;
      return replaying;
    }
    const run = async (): Promise<void> => {
      // Asked again meanwhile: read the task's latest run once more (it is at least as new as any asked for).
      for (let want: number | undefined = wanted, first = true; first || again; first = false, want = undefined) {
        again = false;
        if (disposed) return;
        try {
          await read(want);
        } catch (err) {
          if (!disposed) deps.onError?.(err);
        }
      }
    };
    replaying = run().finally(() => {
      replaying = null;
      const pending = held;
      held = [];
      for (const item of pending) handle(item, true);
    });
    return replaying;
  };

  let unsubscribe: (() => void) | null = null;
  // Items pushed before the subscription is confirmed are held like those of a replay. A subscription
  // that fails rejects `ready`; a replay that fails is told through onError.
  const subscribed = Promise.resolve(deps.subscribe(handle)).then((off) => {
    unsubscribe = off;
    if (disposed) off();
  });
  replaying = subscribed;
  const ready = subscribed.then(
    () => {
      replaying = null;
      return disposed ? undefined : replay();
    },
    (err: unknown) => {
      replaying = null;
      throw err;
    },
  );

  return {
    ready,
    resync: () => ready.then(() => (disposed ? undefined : replay())),
    dispose() {
      disposed = true;
      held = [];
      unsubscribe?.();
    },
    position: () => ({ runId, lastSeq }),
  };
}

/** A `run.output` chunk as followRun sees it. */
export type OutputItem = RunItem & { data: string };
export type OutputReplay = RunReplay<OutputItem> & RequestOutput<'runs.output'>;

/** followRun's `replay` for a task's terminal output, through `runs.output` (the newest `maxBytes` at most). */
export function replayOutput(api: Pick<Api, 'runs.output'>, taskId: string, maxBytes?: number) {
  return async ({ runId, afterSeq }: { runId?: number; afterSeq: number }): Promise<OutputReplay> => {
    const res = await api['runs.output']({ taskId, ...(runId != null ? { runId } : {}), afterSeq, ...(maxBytes ? { maxBytes } : {}) });
    return { ...res, items: res.chunks.map((c) => ({ runId: res.runId ?? -1, seq: c.seq, data: c.data })) };
  };
}

/** A task's app output (switchboard.json `run`) as followRun sees it: the app run is the "run". */
export type AppOutputReplay = RunReplay<OutputItem> & Omit<RequestOutput<'tasks.appOutput'>, 'appRunId'>;

/** followRun's `replay` for a task's app terminal, through `tasks.appOutput`. */
export function replayAppOutput(api: Pick<Api, 'tasks.appOutput'>, taskId: string, maxBytes?: number) {
  return async ({ runId, afterSeq }: { runId?: number; afterSeq: number }): Promise<AppOutputReplay> => {
    const res = await api['tasks.appOutput']({ id: taskId, ...(runId != null ? { appRunId: runId } : {}), afterSeq, ...(maxBytes ? { maxBytes } : {}) });
    return { ...res, runId: res.appRunId, items: res.chunks.map((c) => ({ runId: res.appRunId ?? -1, seq: c.seq, data: c.data })) };
  };
}

/** An `appRun.output` payload as an item of followRun. */
export const appOutputItem = (p: { appRunId: number; seq: number; data: string }): OutputItem => ({ runId: p.appRunId, seq: p.seq, data: p.data });
