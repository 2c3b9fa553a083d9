import type { RunEvent } from '../../../shared/models/run.js';
import { iso } from '../clock.js';
import type { Db } from './db.js';

/** Structured run events (Claude stream-json, ACP session/update), stored raw so unknown kinds survive. */
export function createEventsRepo(db: Db) {
  const next = db.prepare<[number], { n: number | null }>('SELECT MAX(seq) AS n FROM run_events WHERE run_id = ?');
  const insert = db.prepare('INSERT INTO run_events (run_id, seq, kind, data, ts, output_seq) VALUES (?, ?, ?, ?, ?, ?)');
  const forRun = db.prepare<[number, number], { run_id: number; seq: number; kind: string; data: string; ts: number; output_seq: number }>(
    'SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq',
  );
  const any = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM run_events WHERE run_id = ? LIMIT 1');
  const seqs = new Map<number, number>();
  return {
    /** `outputSeq`: the seq of the run's last output chunk pushed before this event (-1: none), its place in the run's one order. */
    append(runId: number, taskId: string, kind: string, data: unknown, now: number, outputSeq: number): RunEvent {
      let seq = seqs.get(runId);
      if (seq == null) seq = (next.get(runId)?.n ?? -1) + 1;
      insert.run(runId, seq, kind, JSON.stringify(data ?? null), now, outputSeq);
      seqs.set(runId, seq + 1); // after the insert: a refused one (a full disk) uses up no seq
      return { runId, taskId, seq, outputSeq, kind, data, ts: iso(now) };
    },
    list(runId: number, taskId: string, afterSeq = -1): RunEvent[] {
      return forRun.all(runId, afterSeq).map((r) => ({ runId: r.run_id, taskId, seq: r.seq, outputSeq: r.output_seq, kind: r.kind, data: JSON.parse(r.data), ts: iso(r.ts) }));
    },
    /** Whether the run recorded any structured event (its agent reports them: the UI opens its timeline). */
    has: (runId: number): boolean => any.get(runId) != null,
    /** Forget the cached seq of a finished run. */
    release: (runId: number): void => void seqs.delete(runId),
  };
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
