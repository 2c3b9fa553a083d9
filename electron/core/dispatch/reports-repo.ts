import { FINAL_STATES } from '../../../shared/models/task.js';
import type { Db } from '../store/index.js';

/** Which completion reports were written (002-dispatch.sql), so start-up can write the missing ones. */
export function createReportsRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO dispatch_reports (task_id, status, task_ended_at, path, written_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(task_id) DO UPDATE SET status = excluded.status, task_ended_at = excluded.task_ended_at, path = excluded.path, written_at = excluded.written_at`,
  );
  const marks = FINAL_STATES.map(() => '?').join(',');
  const missing = db.prepare<string[], string>(
    `SELECT t.id FROM tasks t LEFT JOIN dispatch_reports r ON r.task_id = t.id
     WHERE t.state IN (${marks}) AND (r.task_id IS NULL OR r.status IS NOT t.state OR r.task_ended_at IS NOT t.ended_at)
     ORDER BY t.seq`,
  );
  const get = db.prepare<[string], { task_id: string; status: string; task_ended_at: number | null; path: string; written_at: number }>(
    'SELECT * FROM dispatch_reports WHERE task_id = ?',
  );
  return {
    record: (taskId: string, status: string, taskEndedAt: number | null, path: string, now: number): void =>
      void upsert.run(taskId, status, taskEndedAt, path, now),
    /** Final tasks whose current ending has no report yet, oldest first. */
    missing: (): string[] => missing.pluck().all(...FINAL_STATES),
    get: (taskId: string) => get.get(taskId) ?? null,
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
