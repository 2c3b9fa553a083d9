import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { sweepAtomicTemps } from './atomic-write.js';
import { ensureInbox, inboxLayout, isDispatchFileName } from './inbox-layout.js';
import type { FileRef, Intake, Outcome } from './intake.js';

export interface InboxWatcherOptions {
  /** Files handed to the intake per turn of the event loop. */
  batchSize: number;
  /** An inbox whose fs.watch failed (or could not start) is listed, and watched again, this often. */
  rescanMs: number;
  /**
   * A folder that fs.watch covers is still listed this often, for an event the OS dropped (e.g. a
   * queue overflow), but no more: while the watch is healthy an idle daemon reads no directory
   * every few seconds. Defaults to 30 × rescanMs.
   */
  watchedRescanMs?: number;
  /** A file that is not valid JSON yet is looked at again no later than this after it was last written. */
  staleMs: number;
}

export interface InboxWatcher {
  /** Watches exactly these folders (adding and dropping watchers), taking the files already there. */
  setDirs(dirs: string[]): void;
  dirs(): string[];
  /** Lists every watched folder now. */
  scan(): void;
  /** Resolves once nothing is pending or waiting for a retry (tests, benchmarks). */
  idle(): Promise<void>;
  /** Stops watching; resolves when the batches already taken have finished moving their files. */
  dispose(): Promise<void>;
}

export interface InboxWatcherDeps {
  intake: Intake;
  options: InboxWatcherOptions;
  /** Resolves once everything the store committed so far is on disk (before accepted files move). */
  durable(): Promise<void>;
  log(message: string): void;
  /** A batch's tasks are committed and visible. */
  onCommitted?(files: FileRef[], outcomes: Outcome[]): void;
  /** A batch is done: files moved, outcomes final. */
  onBatch?(files: FileRef[], outcomes: Outcome[]): void;
}

/**
 * Feeds inbox files to the intake: fs.watch for speed, a periodic listing for safety, and retries with
 * backoff for files caught half-written (never rejected on the first failed parse).
 */
export function createInboxWatcher(deps: InboxWatcherDeps): InboxWatcher {
  const { options } = deps;
  const watchers = new Map<string, FSWatcher>();
  const pending = new Map<string, FileRef>();
  /** Files of batches waiting for their commit to reach the disk; events for them are noted in `dirty`. */
  const inFlight = new Set<string>();
  const dirty = new Set<string>();
  const finishing = new Set<Promise<void>>();
  const retries = new Map<string, { timer: NodeJS.Timeout; attempts: number }>();
  let drainScheduled: NodeJS.Immediate | null = null;
  let disposed = false;
  let wanted: string[] = [];

  const enqueue = (dir: string, name: string): void => {
    if (disposed || !isDispatchFileName(name)) return;
    const path = join(dir, name);
    if (inFlight.has(path)) {
      dirty.add(path);
      return;
    }
    const retry = retries.get(path);
    if (retry) clearTimeout(retry.timer); // new activity: look now, keep the attempt count
    pending.set(path, { dir, name });
    drainScheduled ??= setImmediate(drain);
  };

  const scheduleRetry = (ref: FileRef, outcome: Outcome): void => {
    if (disposed) return;
    const path = join(ref.dir, ref.name);
    const attempts = (retries.get(path)?.attempts ?? 0) + 1;
    let delay: number;
    if (outcome.kind === 'unparsed') {
      const untilStale = outcome.mtimeMs + options.staleMs - Date.now() + 5;
      delay = Math.max(1, Math.min(10 * 2 ** attempts, 1000, untilStale));
    } else delay = Math.min(500 * 2 ** attempts, 30_000);
    const timer = setTimeout(() => {
      if (retries.get(path)?.timer === timer) enqueue(ref.dir, ref.name);
    }, delay);
    retries.set(path, { timer, attempts });
  };

  function drain(): void {
    drainScheduled = null;
    if (disposed) return;
    const batch: FileRef[] = [];
    for (const [path, ref] of pending) {
      pending.delete(path);
      batch.push(ref);
      if (batch.length >= options.batchSize) break;
    }
    if (batch.length) {
      const paths = batch.map((ref) => join(ref.dir, ref.name));
      for (const p of paths) inFlight.add(p);
      let result: ReturnType<Intake['process']>;
      try {
        result = deps.intake.process(batch);
      } catch (err) {
        const message = `could not take ${batch.length} dispatch file(s): ${(err as Error).message}; they are tried again`;
        result = { outcomes: batch.map(() => ({ kind: 'error', message }) as Outcome), moves: [] };
      }
      deps.onCommitted?.(batch, result.outcomes);
      const finish = (): void => {
        deps.intake.completeMoves(result);
        batch.forEach((ref, i) => settle(ref, paths[i], result.outcomes[i]));
        deps.onBatch?.(batch, result.outcomes);
      };
      if (!result.moves.length) finish();
      else {
        const done = deps
          .durable()
          .catch((err: Error) => deps.log(`cannot flush the task store to disk (${err.message}); the dispatch files move anyway`))
          .then(finish)
          .finally(() => finishing.delete(done));
        finishing.add(done);
      }
    }
    if (pending.size && !disposed) drainScheduled ??= setImmediate(drain);
  }

  function settle(ref: FileRef, path: string, o: Outcome): void {
    inFlight.delete(path);
    const touched = dirty.delete(path);
    if (o.kind === 'changed') enqueue(ref.dir, ref.name);
    else if (o.kind === 'unparsed' || o.kind === 'error') {
      if (o.kind === 'error') deps.log(o.message);
      if (touched) enqueue(ref.dir, ref.name);
      else scheduleRetry(ref, o);
    } else {
      retries.delete(path);
      if (touched) enqueue(ref.dir, ref.name); // a new file under the same name arrived meanwhile
    }
  }

  const scanDir = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (err) {
      deps.log(`cannot list the dispatch folder ${dir}: ${(err as Error).message}`);
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (!retries.has(path) && !inFlight.has(path)) enqueue(dir, name);
    }
  };

  const watchDir = (dir: string): void => {
    try {
      const layout = inboxLayout(dir);
      ensureInbox(layout);
      for (const d of [layout.dir, layout.rejected, layout.completed]) sweepAtomicTemps(d); // left by a crash mid-write
      const w = watch(dir, (_event, name) => {
        if (name == null) scanDir(dir);
        else enqueue(dir, name.toString());
      });
      w.on('error', (err) => {
        deps.log(`stopped watching ${dir}: ${err.message}; it is listed again every ${options.rescanMs} ms`);
        w.close();
        if (watchers.get(dir) === w) watchers.delete(dir);
      });
      watchers.set(dir, w);
    } catch (err) {
      deps.log(`cannot watch the dispatch folder ${dir}: ${(err as Error).message}`);
    }
  };

  const watchedRescanMs = options.watchedRescanMs ?? options.rescanMs * 30;
  let lastWatchedScan = Date.now();
  const rescanTimer = setInterval(() => {
    const listWatched = Date.now() - lastWatchedScan >= watchedRescanMs;
    if (listWatched) lastWatchedScan = Date.now();
    for (const dir of wanted) {
      if (watchers.has(dir)) {
        if (listWatched) scanDir(dir);
        continue;
      }
      watchDir(dir); // the watch failed: try again, and list it, since events may have been missed
      scanDir(dir);
    }
  }, options.rescanMs);
  rescanTimer.unref?.();

  return {
    setDirs(dirs) {
      wanted = [...dirs];
      for (const [dir, w] of watchers) {
        if (!dirs.includes(dir)) {
          w.close();
          watchers.delete(dir);
        }
      }
      for (const dir of dirs) {
        if (watchers.has(dir)) continue;
        watchDir(dir); // watch first, then list: nothing slips between the two
        scanDir(dir);
      }
    },
    dirs: () => [...wanted],
    scan() {
      for (const dir of wanted) scanDir(dir);
    },
    async idle() {
      while (!disposed && (pending.size || drainScheduled || retries.size || inFlight.size)) await new Promise((r) => setTimeout(r, 5));
    },
    async dispose() {
      disposed = true;
      clearInterval(rescanTimer);
      if (drainScheduled) clearImmediate(drainScheduled);
      for (const { timer } of retries.values()) clearTimeout(timer);
      retries.clear();
      for (const w of watchers.values()) w.close();
      watchers.clear();
      await Promise.allSettled([...finishing]);
    },
  };
}
