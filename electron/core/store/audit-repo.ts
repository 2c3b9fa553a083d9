import type { Db } from './db.js';

export interface AuditEntry {
  seq: number;
  ts: number;
  kind: string;
  taskId: string | null;
  actor: string;
  data: Record<string, unknown>;
}

/** The append-only audit trail (the table refuses UPDATE and DELETE). */
export function createAuditRepo(db: Db, redact: (data: Record<string, unknown>) => Record<string, unknown> = (d) => d) {
  const insert = db.prepare('INSERT INTO audit (ts, kind, task_id, actor, data) VALUES (?, ?, ?, ?, ?)');
  const forTask = db.prepare<[string], { seq: number; ts: number; kind: string; task_id: string | null; actor: string; data: string }>(
    'SELECT * FROM audit WHERE task_id = ? ORDER BY seq',
  );
  const listeners = new Set<() => void>();
  return {
    append(ts: number, kind: string, taskId: string | null, actor: string, data: Record<string, unknown> = {}): number {
      const seq = Number(insert.run(ts, kind, taskId, actor, JSON.stringify(redact(data))).lastInsertRowid);
      for (const l of listeners) l();
      return seq;
    },
    /**
     * Called after every append (inside the writer's transaction, if any: a listener should only schedule
     * work, as the audit.jsonl mirror does, which then reads committed rows). Returns the unsubscribe.
     */
    onAppend(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    forTask(taskId: string): AuditEntry[] {
      return forTask.all(taskId).map((r) => ({ seq: r.seq, ts: r.ts, kind: r.kind, taskId: r.task_id, actor: r.actor, data: JSON.parse(r.data) }));
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
