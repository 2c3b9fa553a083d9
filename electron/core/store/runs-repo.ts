import type { ErrorType } from '../../../shared/models/task.js';
import type { Run, RunState, Transport } from '../../../shared/models/run.js';
import { iso } from '../clock.js';
import type { Db } from './db.js';
import { isoOrNull, parseJson } from './rows.js';

interface RunRow {
  id: number;
  task_id: string;
  attempt: number;
  agent: string;
  transport: Transport;
  state: RunState;
  pid: number | null;
  pid_start_time: string | null;
  instance_id: string | null;
  exit_code: number | null;
  signal: string | null;
  error_type: ErrorType | null;
  error: string | null;
  session_id: string | null;
  flags: string;
  started_at: number;
  ended_at: number | null;
  output_bytes: number | null;
  interactive: number;
}

const toRun = (r: RunRow): Run => ({
  id: r.id,
  taskId: r.task_id,
  attempt: r.attempt,
  agent: r.agent,
  transport: r.transport,
  interactive: r.interactive === 1,
  state: r.state,
  pid: r.pid,
  pidStartTime: r.pid_start_time,
  exitCode: r.exit_code,
  signal: r.signal,
  errorType: r.error_type,
  error: r.error,
  sessionId: r.session_id,
  flags: parseJson(r.flags, []),
  outputBytes: r.output_bytes ?? 0,
  startedAt: iso(r.started_at),
  endedAt: isoOrNull(r.ended_at),
});

export interface RunEnd {
  exitCode: number | null;
  signal: string | null;
  errorType: ErrorType | null;
  error: string | null;
  flags?: string[];
}

export interface LiveRunRecord {
  id: number;
  taskId: string;
  pid: number | null;
  pidStartTime: string | null;
  instanceId: string | null;
}

const SELECT = `SELECT r.*, (SELECT COALESCE(SUM(LENGTH(o.data)), 0) FROM run_output o WHERE o.run_id = r.id)
  + COALESCE((SELECT d.bytes FROM run_output_dropped d WHERE d.run_id = r.id), 0) AS output_bytes FROM runs r`;

export function createRunsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO runs (task_id, attempt, agent, transport, interactive, state, instance_id, started_at)
     VALUES (?, (SELECT COALESCE(MAX(attempt), 0) + 1 FROM runs WHERE task_id = ?), ?, ?, ?, 'starting', ?, ?)`,
  );
  const byId = db.prepare<[number], RunRow>(`${SELECT} WHERE r.id = ?`);
  const forTask = db.prepare<[string], RunRow>(`${SELECT} WHERE r.task_id = ? ORDER BY r.attempt`);
  const setProcess = db.prepare("UPDATE runs SET pid = ?, pid_start_time = ?, state = 'running' WHERE id = ?");
  const setSession = db.prepare('UPDATE runs SET session_id = ? WHERE id = ?');
  const setTransport = db.prepare('UPDATE runs SET transport = ? WHERE id = ?');
  const end = db.prepare(
    `UPDATE runs SET state = ?, exit_code = ?, signal = ?, error_type = ?, error = ?, flags = ?, ended_at = ?
     WHERE id = ? AND state IN ('starting','running')`,
  );
  const live = db.prepare<[], { id: number; task_id: string; pid: number | null; pid_start_time: string | null; instance_id: string | null }>(
    "SELECT id, task_id, pid, pid_start_time, instance_id FROM runs WHERE state IN ('starting','running')",
  );
  const addFlag = db.prepare("UPDATE runs SET flags = json_insert(flags, '$[#]', ?) WHERE id = ?");

  return {
    /** Creates the next attempt of a task; `interactive`: the agent's own TUI, ended by the person (Done). */
    create(taskId: string, agent: string, transport: Transport, instanceId: string, now: number, interactive = false): Run {
      const id = Number(insert.run(taskId, taskId, agent, transport, interactive ? 1 : 0, instanceId, now).lastInsertRowid);
      return toRun(byId.get(id)!);
    },
    get: (id: number): Run | null => {
      const r = byId.get(id);
      return r ? toRun(r) : null;
    },
    forTask: (taskId: string): Run[] => forTask.all(taskId).map(toRun),
    latest(taskId: string): Run | null {
      const all = forTask.all(taskId);
      return all.length ? toRun(all[all.length - 1]) : null;
    },
    /** Records the agent's process before the run counts as started (invariant 2). */
    setProcess: (id: number, pid: number, pidStartTime: string | null): void => void setProcess.run(pid, pidStartTime, id),
    setSessionId: (id: number, sessionId: string): void => void setSession.run(sessionId, id),
    setTransport: (id: number, transport: Transport): void => void setTransport.run(transport, id),
    addFlag: (id: number, flag: string): void => void addFlag.run(flag, id),
    /** Ends a run once; returns false if it had already ended. */
    finish(id: number, e: RunEnd, now: number, state: 'exited' | 'interrupted' = 'exited'): boolean {
      const prev = byId.get(id);
      const flags = [...parseJson<string[]>(prev?.flags, []), ...(e.flags ?? [])];
      return end.run(state, e.exitCode, e.signal, e.errorType, e.error, JSON.stringify(flags), now, id).changes === 1;
    },
    /** Runs that may still own a process: used by start-up recovery. */
    liveRuns: (): LiveRunRecord[] =>
      live.all().map((r) => ({ id: r.id, taskId: r.task_id, pid: r.pid, pidStartTime: r.pid_start_time, instanceId: r.instance_id })),
  };
}
export type RunsRepo = ReturnType<typeof createRunsRepo>;
