/** The permission_requests table (migration 004-acp.sql): one row per ACP session/request_permission. */
import type { PermissionOption, PermissionRequest, PermissionState } from '../../../shared/models/permission.js';
import { iso } from '../clock.js';
import type { Db } from '../store/db.js';
import { isoOrNull, parseJson } from '../store/rows.js';

interface Row {
  id: number;
  task_id: string;
  run_id: number;
  session_id: string | null;
  title: string;
  tool_kind: string | null;
  tool_call: string;
  options: string;
  state: PermissionState;
  option_id: string | null;
  decided_by: string | null;
  created_at: number;
  decided_at: number | null;
}

const toRequest = (r: Row): PermissionRequest => ({
  id: r.id,
  taskId: r.task_id,
  runId: r.run_id,
  title: r.title,
  toolKind: r.tool_kind,
  toolCall: parseJson(r.tool_call, {}),
  options: parseJson<PermissionOption[]>(r.options, []),
  state: r.state,
  optionId: r.option_id,
  decidedBy: r.decided_by,
  createdAt: iso(r.created_at),
  decidedAt: isoOrNull(r.decided_at),
});

export interface NewPermissionRequest {
  taskId: string;
  runId: number;
  sessionId: string | null;
  title: string;
  toolKind: string | null;
  toolCall: Record<string, unknown>;
  options: PermissionOption[];
}

export interface PermissionDecisionRow {
  state: Exclude<PermissionState, 'pending'>;
  optionId: string | null;
  decidedBy: string;
}

export function createPermissionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO permission_requests (task_id, run_id, session_id, title, tool_kind, tool_call, options, state, option_id, decided_by, created_at, decided_at)
     VALUES (@taskId, @runId, @sessionId, @title, @toolKind, @toolCall, @options, @state, @optionId, @decidedBy, @now, @decidedAt)`,
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM permission_requests WHERE id = ?');
  const pending = db.prepare<[], Row>("SELECT * FROM permission_requests WHERE state = 'pending' ORDER BY id");
  const pendingForTask = db.prepare<[string], Row>("SELECT * FROM permission_requests WHERE state = 'pending' AND task_id = ? ORDER BY id");
  const allForTask = db.prepare<[string], Row>('SELECT * FROM permission_requests WHERE task_id = ? ORDER BY id');
  const recent = db.prepare<[number], Row>('SELECT * FROM (SELECT * FROM permission_requests ORDER BY id DESC LIMIT ?) ORDER BY id');
  const decide = db.prepare(
    "UPDATE permission_requests SET state = ?, option_id = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'",
  );
  const expire = db.prepare("UPDATE permission_requests SET state = 'expired', decided_by = ?, decided_at = ? WHERE state = 'pending'");

  return {
    /** Inserts a request, pending or (for a policy decision) already decided. */
    insert(req: NewPermissionRequest, now: number, decided?: PermissionDecisionRow): PermissionRequest {
      const info = insert.run({
        ...req,
        toolCall: JSON.stringify(req.toolCall),
        options: JSON.stringify(req.options),
        state: decided?.state ?? 'pending',
        optionId: decided?.optionId ?? null,
        decidedBy: decided?.decidedBy ?? null,
        now,
        decidedAt: decided ? now : null,
      });
      return toRequest(byId.get(Number(info.lastInsertRowid))!);
    },
    get: (id: number): PermissionRequest | null => {
      const r = byId.get(id);
      return r ? toRequest(r) : null;
    },
    /** Pending requests, of one task or of all; with `all`, decided ones too (the 500 newest without a task). */
    list(taskId?: string, all = false): PermissionRequest[] {
      if (taskId) return (all ? allForTask : pendingForTask).all(taskId).map(toRequest);
      return (all ? recent.all(500) : pending.all()).map(toRequest);
    },
    /** Compare-and-set from pending; null when it had already been decided. */
    decide(id: number, d: PermissionDecisionRow, now: number): PermissionRequest | null {
      if (decide.run(d.state, d.optionId, d.decidedBy, now, id).changes !== 1) return null;
      return toRequest(byId.get(id)!);
    },
    /** Marks every pending request expired (their agents died with the previous instance). Returns how many. */
    expireAll: (decidedBy: string, now: number): number => expire.run(decidedBy, now).changes,
  };
}
export type PermissionsRepo = ReturnType<typeof createPermissionsRepo>;
