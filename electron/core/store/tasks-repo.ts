import type Database from 'better-sqlite3';
import type { ErrorType, Task, TaskSource, TaskState } from '../../../shared/models/task.js';
import { PullRequestInfo } from '../../../shared/models/task.js';
import { iso } from '../clock.js';
import type { Db } from './db.js';
import { isoOrNull, parseJson } from './rows.js';
import { TASK_USAGE_JSON, toTotals } from './usage-repo.js';

export interface TaskRow {
  seq: number;
  id: string;
  content_hash: string | null;
  project_id: number;
  project_dir: string;
  project_host: string | null;
  prompt: string;
  agent: string;
  state: TaskState;
  priority: number;
  ttl_seconds: number;
  source: TaskSource;
  dispatched_by: string | null;
  in_place: number;
  base_branch: string | null;
  base_commit: string | null;
  branch: string | null;
  worktree_path: string | null;
  callback_url: string | null;
  retry_count: number;
  not_before: number | null;
  error_type: ErrorType | null;
  error: string | null;
  meta: string;
  /** The pull request as JSON (issue 16). */
  pr: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  ended_at: number | null;
  group_id: string | null;
  /** When a person archived the finished task (migration 025), or null. */
  archived_at: number | null;
  /** TASK_USAGE_JSON: the usage totals of its runs, or null. */
  usage_json?: string | null;
}

export const toTask = (r: TaskRow): Task => ({
  id: r.id,
  projectId: r.project_id,
  projectDir: r.project_dir,
  host: r.project_host || null,
  prompt: r.prompt,
  agent: r.agent,
  state: r.state,
  priority: r.priority,
  ttlSeconds: r.ttl_seconds,
  source: r.source,
  dispatchedBy: r.dispatched_by,
  inPlace: r.in_place === 1,
  baseBranch: r.base_branch,
  baseCommit: r.base_commit,
  branch: r.branch,
  worktreePath: r.worktree_path,
  callbackUrl: r.callback_url,
  retryCount: r.retry_count,
  errorType: r.error_type,
  error: r.error,
  pr: r.pr ? PullRequestInfo.parse(parseJson(r.pr, null)) : null,
  meta: parseJson(r.meta, {}),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  startedAt: isoOrNull(r.started_at),
  endedAt: isoOrNull(r.ended_at),
  groupId: r.group_id,
  archivedAt: isoOrNull(r.archived_at),
  usage: r.usage_json ? toTotals(JSON.parse(r.usage_json) as Parameters<typeof toTotals>[0]) : null,
});

export interface NewTask {
  id: string;
  contentHash: string | null;
  projectId: number;
  prompt: string;
  agent: string;
  priority: number;
  ttlSeconds: number;
  source: TaskSource;
  dispatchedBy: string | null;
  inPlace: boolean;
  baseBranch: string | null;
  callbackUrl: string | null;
  meta: Record<string, unknown>;
  /** A best-of-N group's id (issue 17). */
  groupId?: string | null;
}

export interface ListFilter {
  states?: TaskState[];
  projectId?: number;
  search?: string;
  /** Archived tasks: left out, the only ones, or both (the default, for the core's own queries). */
  archived?: 'exclude' | 'only' | 'include';
  /** Only tasks older than this seq (pagination). */
  beforeSeq?: number;
  limit: number;
}

/** Columns other modules may update together with a state change (never `state` itself). */
export type TaskPatch = Partial<
  Pick<
    TaskRow,
    | 'base_commit'
    | 'branch'
    | 'worktree_path'
    | 'retry_count'
    | 'not_before'
    | 'error_type'
    | 'error'
    | 'started_at'
    | 'ended_at'
    | 'agent'
    | 'prompt'
    | 'ttl_seconds'
    | 'meta'
    | 'pr'
    | 'archived_at'
  >
>;

// A correlated subquery is several times cheaper per row here than a JOIN (measured by the dispatch bench).
const SELECT =
  `SELECT t.*, (SELECT dir FROM projects p WHERE p.id = t.project_id) AS project_dir, (SELECT host FROM projects p WHERE p.id = t.project_id) AS project_host, ${TASK_USAGE_JSON} AS usage_json FROM tasks t`;

export function createTasksRepo(db: Db) {
  const byId = db.prepare<[string], TaskRow>(`${SELECT} WHERE t.id = ?`);
  const insertStmt = db.prepare(
    `INSERT INTO tasks (id, content_hash, project_id, prompt, agent, state, priority, ttl_seconds, source, dispatched_by,
       in_place, base_branch, callback_url, meta, group_id, created_at, updated_at)
     VALUES (@id, @contentHash, @projectId, @prompt, @agent, 'queued', @priority, @ttlSeconds, @source, @dispatchedBy,
       @inPlace, @baseBranch, @callbackUrl, @meta, @groupId, @now, @now)`,
  );
  const groupStmt = db.prepare<[string], TaskRow>(`${SELECT} WHERE t.group_id = ? ORDER BY t.seq`);
  const groupBaseStmt = db.prepare('UPDATE tasks SET base_commit = ? WHERE group_id = ? AND base_commit IS NULL');
  // Archived tasks are out of sight (issue 18): they count nowhere.
  const countsStmt = db.prepare<[], { projectId: number; state: TaskState; n: number }>(
    'SELECT project_id AS projectId, state, COUNT(*) AS n FROM tasks WHERE archived_at IS NULL GROUP BY project_id, state',
  );
  const listCache = new Map<string, Database.Statement<unknown[], TaskRow>>();

  return {
    get(id: string): Task | null {
      const r = byId.get(id);
      return r ? toTask(r) : null;
    },
    getRow: (id: string): TaskRow | undefined => byId.get(id),
    insert(t: NewTask, now: number): Task {
      insertStmt.run({ ...t, inPlace: t.inPlace ? 1 : 0, meta: JSON.stringify(t.meta), groupId: t.groupId ?? null, now });
      return toTask(byId.get(t.id)!);
    },
    /** The tasks of a best-of-N group, in creation order. */
    inGroup: (groupId: string): Task[] => groupStmt.all(groupId).map(toTask),
    /**
     * Records the group's base commit on every sibling that has none yet, so the first sibling to
     * prepare resolves it for all (one base per group, even when the branch moves meanwhile).
     */
    setGroupBase(groupId: string, commit: string): void {
      groupBaseStmt.run(commit, groupId);
    },
    /** Newest first. Uses the (project_id, seq) or (state, seq) index, so a page is cheap at any size. */
    list(f: ListFilter): { tasks: Task[]; lastSeq: number | null } {
      const where: string[] = [];
      const params: unknown[] = [];
      if (f.projectId != null) {
        where.push('t.project_id = ?');
        params.push(f.projectId);
      }
      if (f.states?.length) {
        where.push(`t.state IN (${f.states.map(() => '?').join(',')})`);
        params.push(...f.states);
      }
      if (f.search) {
        where.push("(t.prompt LIKE ? ESCAPE '\\' OR t.id LIKE ? ESCAPE '\\')");
        const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        params.push(like, like);
      }
      if (f.archived === 'exclude') where.push('t.archived_at IS NULL');
      if (f.archived === 'only') where.push('t.archived_at IS NOT NULL');
      if (f.beforeSeq != null) {
        where.push('t.seq < ?');
        params.push(f.beforeSeq);
      }
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.seq DESC LIMIT ?`;
      let stmt = listCache.get(sql);
      if (!stmt) {
        stmt = db.prepare<unknown[], TaskRow>(sql);
        if (listCache.size > 64) listCache.clear();
        listCache.set(sql, stmt);
      }
      const rows = stmt.all(...params, f.limit);
      return { tasks: rows.map(toTask), lastSeq: rows.length === f.limit ? rows[rows.length - 1].seq : null };
    },
    /** Tasks per state, archived ones left out. */
    counts(): Record<TaskState, number> {
      const out = {} as Record<TaskState, number>;
      for (const r of countsStmt.all()) out[r.state] = (out[r.state] ?? 0) + r.n;
      return out;
    },
    /** Tasks per project and state, archived ones left out (the project sidebar's counts). */
    countsByProject(): Record<number, Partial<Record<TaskState, number>>> {
      const out: Record<number, Partial<Record<TaskState, number>>> = {};
      for (const r of countsStmt.all()) (out[r.projectId] ??= {})[r.state] = r.n;
      return out;
    },
    /** Ids of tasks in the given states, oldest first. */
    idsInStates(states: readonly TaskState[]): string[] {
      const stmt = db.prepare<unknown[], string>(`SELECT id FROM tasks WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY seq`);
      return stmt.pluck().all(...states);
    },
    /** Updates non-state columns. State changes go through transitionTask(). */
    patch(id: string, patch: TaskPatch, now: number): void {
      const keys = Object.keys(patch) as (keyof TaskPatch)[];
      if (!keys.length) return;
      db.prepare(`UPDATE tasks SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @now WHERE id = @id`).run({
        ...patch,
        id,
        now,
      });
    },
  };
}
export type TasksRepo = ReturnType<typeof createTasksRepo>;
