import type { Change, ChangeComment, ChangeFile, ChangeFileStatus, ChangeReview, ChangeState } from '../../../shared/models/change.js';
import { iso } from '../clock.js';
import type { Db } from './db.js';
import { isoOrNull, parseJson } from './rows.js';

interface ChangeRow {
  id: number;
  task_id: string;
  run_id: number | null;
  base_commit: string | null;
  head_commit: string | null;
  state: ChangeState;
  files_count: number;
  additions: number;
  deletions: number;
  review: string;
  created_at: number;
  decided_at: number | null;
  complete: number;
  applying_at: number | null;
}

interface FileRow {
  idx: number;
  path: string;
  old_path: string | null;
  status: ChangeFileStatus;
  binary: number;
  size: number | null;
  additions: number;
  deletions: number;
  old_mode: string | null;
  new_mode: string | null;
}

export type NewChangeFile = Omit<ChangeFile, 'idx'> & { patch: Buffer };

const toChange = (r: ChangeRow): Change => ({
  id: r.id,
  taskId: r.task_id,
  runId: r.run_id,
  baseCommit: r.base_commit,
  headCommit: r.head_commit,
  state: r.state,
  filesCount: r.files_count,
  additions: r.additions,
  deletions: r.deletions,
  review: parseJson<ChangeReview>(r.review, {}),
  createdAt: iso(r.created_at),
  decidedAt: isoOrNull(r.decided_at),
});

const toFile = (r: FileRow): ChangeFile => ({
  idx: r.idx,
  path: r.path,
  oldPath: r.old_path,
  status: r.status,
  binary: r.binary === 1,
  size: r.size,
  additions: r.additions,
  deletions: r.deletions,
  oldMode: r.old_mode,
  newMode: r.new_mode,
});

const FILE_COLS = 'idx, path, old_path, status, binary, size, additions, deletions, old_mode, new_mode';

/** Captured changes and their files (tables from 001, review columns and comments from 005). */
export function createChangesRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO changes (task_id, run_id, base_commit, head_commit, state, files_count, additions, deletions, created_at, complete)
     VALUES (?, ?, ?, ?, 'pending', 0, 0, 0, ?, 0)`,
  );
  const insertFile = db.prepare(
    `INSERT INTO change_files (change_id, idx, path, old_path, status, binary, size, additions, deletions, old_mode, new_mode, patch)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setSize = db.prepare('UPDATE change_files SET size = ? WHERE change_id = ? AND idx = ?');
  const finish = db.prepare('UPDATE changes SET complete = 1, files_count = ?, additions = ?, deletions = ? WHERE id = ?');
  const byId = db.prepare<[number], ChangeRow>('SELECT * FROM changes WHERE id = ? AND complete = 1');
  const latest = db.prepare<[string], ChangeRow>('SELECT * FROM changes WHERE task_id = ? AND complete = 1 ORDER BY id DESC LIMIT 1');
  const files = db.prepare<[number], FileRow>(`SELECT ${FILE_COLS} FROM change_files WHERE change_id = ? ORDER BY idx`);
  const fileByPath = db.prepare<[number, string, string], FileRow & { patch: Buffer }>(
    `SELECT ${FILE_COLS}, patch FROM change_files WHERE change_id = ? AND (path = ? OR old_path = ?) ORDER BY path = old_path LIMIT 1`,
  );
  const patchOf = db.prepare<[number, number], { patch: Buffer }>('SELECT patch FROM change_files WHERE change_id = ? AND idx = ?');
  const incomplete = db.prepare<[string], { id: number }>('SELECT id FROM changes WHERE task_id = ? AND complete = 0');
  const delFiles = db.prepare('DELETE FROM change_files WHERE change_id = ?');
  const delComments = db.prepare('DELETE FROM change_comments WHERE change_id = ?');
  const delChange = db.prepare('DELETE FROM changes WHERE id = ?');
  const claim = db.prepare("UPDATE changes SET applying_at = ? WHERE id = ? AND state = 'pending' AND complete = 1 AND applying_at IS NULL");
  const release = db.prepare('UPDATE changes SET applying_at = NULL WHERE id = ?');
  const setReview = db.prepare('UPDATE changes SET review = ? WHERE id = ?');
  const supersede = db.prepare("UPDATE changes SET state = 'superseded', decided_at = ? WHERE task_id = ? AND state = 'pending' AND complete = 1");
  const insertComment = db.prepare('INSERT INTO change_comments (change_id, path, line, side, body, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const comments = db.prepare<[number], { id: number; change_id: number; path: string; line: number; side: 'old' | 'new'; body: string; created_at: number }>(
    'SELECT * FROM change_comments WHERE change_id = ? ORDER BY id',
  );

  const get = (id: number): Change | null => {
    const r = byId.get(id);
    return r ? toChange(r) : null;
  };
  const mergeReview = (id: number, patch: Partial<ChangeReview>): void => {
    const r = db.prepare<[number], { review: string }>('SELECT review FROM changes WHERE id = ?').get(id);
    setReview.run(JSON.stringify({ ...parseJson<ChangeReview>(r?.review, {}), ...patch }), id);
  };

  return {
    /** Starts a capture: the change stays invisible until finish(). */
    begin: (taskId: string, runId: number | null, baseCommit: string | null, headCommit: string | null, now: number): number =>
      Number(insert.run(taskId, runId, baseCommit, headCommit, now).lastInsertRowid),
    /** Appends files (one transaction per batch, so a huge change is written in bounded steps). */
    addFiles: db.transaction((changeId: number, firstIdx: number, batch: NewChangeFile[]) => {
      batch.forEach((f, i) =>
        insertFile.run(changeId, firstIdx + i, f.path, f.oldPath, f.status, f.binary ? 1 : 0, f.size, f.additions, f.deletions, f.oldMode, f.newMode, f.patch),
      );
    }),
    setFileSize: (changeId: number, idx: number, size: number | null): void => void setSize.run(size, changeId, idx),
    finish: (changeId: number, totals: { files: number; additions: number; deletions: number }): void =>
      void finish.run(totals.files, totals.additions, totals.deletions, changeId),
    /** Removes captures that never finished (a crash, a failed git call). */
    discardIncomplete: db.transaction((taskId: string): number => {
      const ids = incomplete.all(taskId);
      for (const { id } of ids) {
        delFiles.run(id);
        delComments.run(id);
        delChange.run(id);
      }
      return ids.length;
    }),
    get,
    latest: (taskId: string): Change | null => {
      const r = latest.get(taskId);
      return r ? toChange(r) : null;
    },
    /** Whether an approval of this change started and never finished (it may have touched the project). */
    applying: (id: number): boolean => (byId.get(id)?.applying_at ?? null) != null,
    files: (changeId: number): ChangeFile[] => files.all(changeId).map(toFile),
    file(changeId: number, path: string): (ChangeFile & { patch: Buffer }) | null {
      const r = fileByPath.get(changeId, path, path);
      return r ? { ...toFile(r), patch: r.patch } : null;
    },
    patch: (changeId: number, idx: number): Buffer | null => patchOf.get(changeId, idx)?.patch ?? null,
    /** Marks an approval as started (CAS on pending and not already applying). False when someone else got there first. */
    claimApply: (id: number, now: number): boolean => claim.run(now, id).changes === 1,
    releaseApply: (id: number): void => void release.run(id),
    /** Moves a change from one of `from` to `to` (CAS), recording the review details. */
    decide(id: number, from: ChangeState[], to: ChangeState, review: Partial<ChangeReview>, now: number): boolean {
      return db.transaction(() => {
        const marks = from.map(() => '?').join(',');
        const ok = db.prepare(`UPDATE changes SET state = ?, decided_at = ?, applying_at = NULL WHERE id = ? AND state IN (${marks})`).run(to, now, id, ...from).changes === 1;
        if (ok) mergeReview(id, review);
        return ok;
      })();
    },
    mergeReview,
    /** A follow-up replaces the pending change of a task. */
    supersede: (taskId: string, now: number): number => supersede.run(now, taskId).changes,
    addComment(changeId: number, c: { path: string; line: number; side: 'old' | 'new'; body: string }, now: number): ChangeComment {
      const id = Number(insertComment.run(changeId, c.path, c.line, c.side, c.body, now).lastInsertRowid);
      return { id, changeId, ...c, createdAt: iso(now) };
    },
    comments: (changeId: number): ChangeComment[] =>
      comments.all(changeId).map((r) => ({ id: r.id, changeId: r.change_id, path: r.path, line: r.line, side: r.side, body: r.body, createdAt: iso(r.created_at) })),
  };
}
export type ChangesRepo = ReturnType<typeof createChangesRepo>;
