import type { Db } from '../store/index.js';

export interface OutboxRow {
  id: number;
  report_key: string;
  dispatch_id: string;
  url: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  max_attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewCallback {
  key: string;
  dispatchId: string;
  url: string;
  body: string;
  maxAttempts: number;
}

/** The callback outbox (002-dispatch.sql): pending POSTs and their retry schedule, durable across restarts. */
export function createOutboxRepo(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO callback_outbox (report_key, dispatch_id, url, body, state, attempts, max_attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
  );
  const due = db.prepare<[number, number], OutboxRow>(
    "SELECT * FROM callback_outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
  );
  const next = db.prepare<[], { at: number | null }>("SELECT MIN(next_attempt_at) AS at FROM callback_outbox WHERE state = 'pending'");
  const begin = db.prepare("UPDATE callback_outbox SET attempts = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'pending' AND attempts = ?");
  // Settles only the attempt that is current: a late answer to an older attempt (its lease ran out and
  // a newer attempt claimed the row) changes nothing and is not audited.
  const settle = db.prepare("UPDATE callback_outbox SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'pending' AND attempts = ?");
  const byId = db.prepare<[number], OutboxRow>('SELECT * FROM callback_outbox WHERE id = ?');
  const forDispatch = db.prepare<[string], OutboxRow>('SELECT * FROM callback_outbox WHERE dispatch_id = ? ORDER BY id');

  return {
    /** Adds a callback once per report key; false when it was already there. */
    enqueue: (c: NewCallback, now: number): boolean => insert.run(c.key, c.dispatchId, c.url, c.body, c.maxAttempts, now, now, now).changes === 1,
    due: (now: number, limit: number): OutboxRow[] => due.all(now, limit),
    nextDueAt: (): number | null => next.get()?.at ?? null,
    /**
     * Records an attempt before it is made, with the time of the next one, so a crash mid-request
     * retries later instead of never. False when another worker took the row first.
     */
    beginAttempt: (row: OutboxRow, retryAt: number, now: number): boolean => begin.run(row.attempts + 1, retryAt, now, row.id, row.attempts).changes === 1,
    /** Each settles attempt number `attempt` of the row; false when that attempt is no longer the current one (nothing changed). */
    delivered: (id: number, attempt: number, now: number): boolean => settle.run('delivered', null, now, now, id, attempt).changes === 1,
    failed: (id: number, attempt: number, error: string, now: number): boolean => settle.run('failed', error, now, now, id, attempt).changes === 1,
    retryAt: (id: number, attempt: number, error: string, at: number, now: number): boolean => settle.run('pending', error, at, now, id, attempt).changes === 1,
    get: (id: number): OutboxRow | null => byId.get(id) ?? null,
    forDispatch: (dispatchId: string): OutboxRow[] => forDispatch.all(dispatchId),
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
