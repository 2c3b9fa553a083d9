import { FINAL_STATES } from '../../../shared/models/task.js';
import type { Db } from '../store/index.js';

/** Which completion reports were written (002-dispatch.sql; groups' in 020), so start-up can write the missing ones. */
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
  const upsertGroup = db.prepare(
    `INSERT INTO group_reports (group_id, status, ended_at, path, written_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(group_id) DO UPDATE SET status = excluded.status, ended_at = excluded.ended_at, path = excluded.path, written_at = excluded.written_at`,
  );
  // Groups whose every sibling is final and whose latest ending has no group report yet (020-group-reports.sql).
  const missingGroups = db.prepare<string[], string>(
    `SELECT t.group_id FROM tasks t LEFT JOIN group_reports g ON g.group_id = t.group_id
     WHERE t.group_id IS NOT NULL
     GROUP BY t.group_id
     HAVING SUM(CASE WHEN t.state IN (${marks}) THEN 0 ELSE 1 END) = 0 AND (MAX(g.ended_at) IS NULL OR MAX(g.ended_at) IS NOT MAX(t.ended_at))
     ORDER BY MIN(t.seq)`,
  );
  const groupEnded = db.prepare<[string], number | null>('SELECT MAX(ended_at) FROM tasks WHERE group_id = ?');
  return {
    recordGroup: (groupId: string, status: string, path: string, now: number): void => void upsertGroup.run(groupId, status, groupEnded.pluck().get(groupId) ?? null, path, now),
    /** Finished groups whose report is missing or older than their last sibling's ending, oldest first. */
    missingGroups: (): string[] => missingGroups.pluck().all(...FINAL_STATES),
    record: (taskId: string, status: string, taskEndedAt: number | null, path: string, now: number): void =>
      void upsert.run(taskId, status, taskEndedAt, path, now),
    /** Final tasks whose current ending has no report yet, oldest first. */
    missing: (): string[] => missing.pluck().all(...FINAL_STATES),
    get: (taskId: string) => get.get(taskId) ?? null,
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
