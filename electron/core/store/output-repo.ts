import type { Db } from './db.js';

export interface OutputChunk {
  seq: number;
  data: Buffer;
}

export interface OutputWriter {
  /** Appends one chunk; returns its seq. Drops the oldest chunks when the run is over its cap. */
  append(data: Buffer | string): number;
  readonly nextSeq: number;
}

/** The tables one kind of terminal output lives in: an agent run's, or an app run's (switchboard.json `run`). */
export interface OutputTables {
  output: 'run_output' | 'app_output';
  dropped: 'run_output_dropped' | 'app_output_dropped';
}
const RUN_TABLES: OutputTables = { output: 'run_output', dropped: 'run_output_dropped' };

/**
 * Terminal output, append-only per run, bounded per run (invariant 5). Writers keep the running total
 * in memory so an append is a single INSERT; trimming happens only when the cap is crossed.
 */
export function createOutputRepo(db: Db, tables: OutputTables = RUN_TABLES) {
  const { output: outputTable, dropped: droppedTable } = tables;
  const insert = db.prepare(`INSERT INTO ${outputTable} (run_id, seq, data) VALUES (?, ?, ?)`);
  const stats = db.prepare<[number], { n: number | null; bytes: number | null; last: number | null }>(
    `SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes, MAX(seq) AS last FROM ${outputTable} WHERE run_id = ?`,
  );
  const oldest = db.prepare<[number, number], { seq: number; len: number }>(
    `SELECT seq, LENGTH(data) AS len FROM ${outputTable} WHERE run_id = ? ORDER BY seq LIMIT ?`,
  );
  const del = db.prepare(`DELETE FROM ${outputTable} WHERE run_id = ? AND seq <= ?`);
  const dropped = db.prepare<[number], { bytes: number; chunks: number }>(`SELECT bytes, chunks FROM ${droppedTable} WHERE run_id = ?`);
  const addDropped = db.prepare(
    `INSERT INTO ${droppedTable} (run_id, bytes, chunks) VALUES (?, ?, ?)
     ON CONFLICT(run_id) DO UPDATE SET bytes = bytes + excluded.bytes, chunks = chunks + excluded.chunks`,
  );
  const after = db.prepare<[number, number], OutputChunk>(`SELECT seq, data FROM ${outputTable} WHERE run_id = ? AND seq > ? ORDER BY seq`);
  const tail = db.prepare<[number, number], OutputChunk>(
    `SELECT seq, data FROM (SELECT seq, data FROM ${outputTable} WHERE run_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
  );

  const sizesDesc = db.prepare<[number, number], { seq: number; len: number }>(
    `SELECT seq, LENGTH(data) AS len FROM ${outputTable} WHERE run_id = ? AND seq > ? ORDER BY seq DESC`,
  );

  const trim = db.transaction((runId: number, excess: number): number => {
    let freed = 0;
    let upTo = -1;
    let chunks = 0;
    for (const c of oldest.iterate(runId, 100_000)) {
      if (freed >= excess) break;
      freed += c.len;
      upTo = c.seq;
      chunks++;
    }
    if (upTo >= 0) {
      del.run(runId, upTo);
      addDropped.run(runId, freed, chunks);
    }
    return freed;
  });

  return {
    writer(runId: number, capBytes: number): OutputWriter {
      const s = stats.get(runId)!;
      let total = s.bytes ?? 0;
      let next = (s.last ?? -1) + 1;
      return {
        append(data) {
          const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
          const seq = next;
          insert.run(runId, seq, buf);
          next = seq + 1; // a failed insert (a full disk) uses up no seq
          total += buf.length;
          if (total > capBytes) total -= trim(runId, total - Math.floor(capBytes * 0.9));
          return seq;
        },
        get nextSeq() {
          return next;
        },
      };
    },
    /** Chunks after `afterSeq` (exclusive), oldest first: a late viewer's catch-up. */
    readAfter: (runId: number, afterSeq = -1): OutputChunk[] => after.all(runId, afterSeq),
    /** The newest `limit` chunks, oldest first. */
    readTail: (runId: number, limit: number): OutputChunk[] => tail.all(runId, limit),
    /** Chunk sizes after `afterSeq`, newest first (a replay's byte budget). */
    sizesDesc: (runId: number, afterSeq: number): IterableIterator<{ seq: number; len: number }> => sizesDesc.iterate(runId, afterSeq),
    /** How much output the cap has dropped for a run, for the replay marker. */
    dropped: (runId: number): { bytes: number; chunks: number } => dropped.get(runId) ?? { bytes: 0, chunks: 0 },
  };
}
export type OutputRepo = ReturnType<typeof createOutputRepo>;

/** The line a replay starts with when the cap dropped earlier output. */
export const droppedMarker = (bytes: number): string =>
  `\r\n\x1b[2m[switchboard: ${bytes} bytes of earlier output were dropped to stay under the per-run cap]\x1b[0m\r\n`;
