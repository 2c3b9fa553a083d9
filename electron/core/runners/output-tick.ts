/**
 * One store transaction per tick for the terminal output of every run (issue 13). Each run's output
 * path (run-output.ts) batches its data for ~16 ms; instead of one autocommit INSERT per run per
 * batch, the runs that have output pending join one shared tick, whose chunks are written in one
 * transaction. Only once it has committed are the chunks announced (ring buffer, `run.output`), so
 * nothing a viewer saw can be missing from the store after a crash (invariant 5), and each run's
 * chunks keep their seq order. A transaction that fails as a whole hands each run its data back as
 * refused, as a refused INSERT would (the run marks what is missing once storing works again).
 *
 * No timer is armed while no run has output pending.
 */

/** A run's side of a tick (run-output.ts). */
export interface TickParticipant {
  /** Inside the tick's transaction: store what is pending. */
  take(): void;
  /** After the commit: announce what take() stored. */
  announce(): void;
  /** The transaction failed as a whole: what take() stored this tick is not stored. */
  rolledBack(err: Error): void;
}

export interface OutputTick {
  /** Joins the next tick (arming its timer if none is armed). */
  schedule(p: TickParticipant): void;
  /** Runs the tick now, for every participant scheduled so far (and `p`). */
  now(p?: TickParticipant): void;
}

export interface OutputTickOptions {
  /** The store's transaction (store.tx); the default runs the body as is (one INSERT per chunk). */
  tx?: <T>(fn: () => T) => T;
  batchMs?: number;
}

export function createOutputTick(opts: OutputTickOptions = {}): OutputTick {
  const tx = opts.tx ?? (<T>(fn: () => T): T => fn());
  const batchMs = opts.batchMs ?? 16;
  let scheduled = new Set<TickParticipant>();
  let timer: NodeJS.Timeout | null = null;

  const run = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!scheduled.size) return;
    const batch = [...scheduled];
    scheduled = new Set();
    try {
      tx(() => {
        for (const p of batch) p.take();
      });
    } catch (err) {
      for (const p of batch) p.rolledBack(err as Error);
      return;
    }
    for (const p of batch) p.announce();
  };

  return {
    schedule(p) {
      scheduled.add(p);
      timer ??= setTimeout(run, batchMs);
    },
    now(p) {
      if (p) scheduled.add(p);
      run();
    },
  };
}
