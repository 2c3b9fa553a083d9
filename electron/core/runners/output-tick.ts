/**
 * One store transaction per tick for the terminal output of every run (issue 13). Each run's output
 * path (run-output.ts) batches its data for ~16 ms; instead of one autocommit INSERT per run per
 * batch, the runs that have output pending join one shared tick, whose chunks are written in one
 * transaction. Only once it has committed are the chunks announced (ring buffer, `run.output`), so
 * nothing a viewer saw can be missing from the store after a crash (invariant 5), and each run's
 * chunks keep their seq order. A transaction that fails as a whole hands each run its data back as
 * refused, as a refused INSERT would (the run marks what is missing once storing works again).
 *
 * One transaction holds at most about `sliceBytes` (512 KiB): when twenty runs flood at once, their
 * pending output (up to 256 KiB each) is stored in slices, the runs left over going in the next turn of
 * the loop (setImmediate), so the loop reads terminals and sockets between slices instead of storing,
 * encoding and sending megabytes in one go. A run that flushes itself (its end, or its own threshold)
 * is always in the slice that runs at once. Each run's data is taken whole, so its order is kept.
 *
 * No timer is armed while no run has output pending.
 */

/** A run's side of a tick (run-output.ts). */
export interface TickParticipant {
  /** Inside the tick's transaction: store what is pending; returns how many characters it took. */
  take(): number;
  /** After the commit: announce what take() stored. */
  announce(): void;
  /** The transaction failed as a whole: what take() stored this tick is not stored. */
  rolledBack(err: Error): void;
}

export interface OutputTick {
  /** Joins the next tick (arming its timer if none is armed). */
  schedule(p: TickParticipant): void;
  /** Runs the tick now: `p` first, then every participant scheduled so far, up to the slice's size (the rest on the next turn of the loop). */
  now(p?: TickParticipant): void;
}

export interface OutputTickOptions {
  /** The store's transaction (store.tx); the default runs the body as is (one INSERT per chunk). */
  tx?: <T>(fn: () => T) => T;
  batchMs?: number;
  /** About how much one transaction stores before the rest waits for the next turn of the loop. */
  sliceBytes?: number;
}

export function createOutputTick(opts: OutputTickOptions = {}): OutputTick {
  const tx = opts.tx ?? (<T>(fn: () => T): T => fn());
  const batchMs = opts.batchMs ?? 16;
  const sliceBytes = opts.sliceBytes ?? 512 * 1024;
  const scheduled = new Set<TickParticipant>();
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;

  const run = (first?: TickParticipant): void => {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = null;
    if (!scheduled.size) return;
    const order = first && scheduled.has(first) ? [first, ...[...scheduled].filter((p) => p !== first)] : [...scheduled];
    const batch: TickParticipant[] = [];
    let failed: Error | null = null;
    try {
      tx(() => {
        let taken = 0;
        for (const p of order) {
          if (batch.length && taken >= sliceBytes) break;
          batch.push(p);
          taken += p.take();
        }
      });
    } catch (err) {
      failed = err as Error;
    }
    for (const p of batch) scheduled.delete(p);
    if (scheduled.size) immediate = setImmediate(run);
    if (failed) for (const p of batch) p.rolledBack(failed);
    else for (const p of batch) p.announce();
  };

  return {
    schedule(p) {
      scheduled.add(p);
      timer ??= setTimeout(run, batchMs);
    },
    now(p) {
      if (p) scheduled.add(p);
      run(p);
    },
  };
}
