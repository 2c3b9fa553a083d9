import type { AppRun } from '../../../shared/models/app-run.js';
import { iso } from '../clock.js';
import type { Db } from './db.js';
import { isoOrNull } from './rows.js';

interface AppRunRow {
  id: number;
  task_id: string;
  command: string;
  state: 'running' | 'exited';
  pid: number | null;
  pid_start_time: string | null;
  instance_id: string | null;
  exit_code: number | null;
  signal: string | null;
  started_at: number;
  ended_at: number | null;
}

const toAppRun = (r: AppRunRow): AppRun => ({
  id: r.id,
  taskId: r.task_id,
  command: r.command,
  state: r.state,
  pid: r.pid,
  exitCode: r.exit_code,
  signal: r.signal,
  startedAt: iso(r.started_at),
  endedAt: isoOrNull(r.ended_at),
});

/** switchboard.json `run` starts (issue 16): app_runs; their output is in app_output (output-repo.ts). */
export function createAppRunsRepo(db: Db) {
  const insert = db.prepare("INSERT INTO app_runs (task_id, command, state, instance_id, started_at) VALUES (?, ?, 'running', ?, ?)");
  const byId = db.prepare<[number], AppRunRow>('SELECT * FROM app_runs WHERE id = ?');
  const latest = db.prepare<[string], AppRunRow>('SELECT * FROM app_runs WHERE task_id = ? ORDER BY id DESC LIMIT 1');
  const setProcess = db.prepare('UPDATE app_runs SET pid = ?, pid_start_time = ? WHERE id = ?');
  const end = db.prepare("UPDATE app_runs SET state = 'exited', exit_code = ?, signal = ?, ended_at = ? WHERE id = ? AND state = 'running'");
  const live = db.prepare<[], AppRunRow>("SELECT * FROM app_runs WHERE state = 'running'");
  return {
    create(taskId: string, command: string, instanceId: string, now: number): AppRun {
      return toAppRun(byId.get(Number(insert.run(taskId, command, instanceId, now).lastInsertRowid))!);
    },
    get: (id: number): AppRun | null => {
      const r = byId.get(id);
      return r ? toAppRun(r) : null;
    },
    latest: (taskId: string): AppRun | null => {
      const r = latest.get(taskId);
      return r ? toAppRun(r) : null;
    },
    /** Records its process as soon as it exists (invariant 2: start-up recovery can then kill it). */
    setProcess: (id: number, pid: number, pidStartTime: string | null): void => void setProcess.run(pid, pidStartTime, id),
    /** Ends it once; false when it had already ended. */
    finish: (id: number, exitCode: number | null, signal: string | null, now: number): boolean => end.run(exitCode, signal, now, id).changes === 1,
    /** Starts still open, with their process identity: start-up recovery. */
    live: () => live.all().map((r) => ({ id: r.id, taskId: r.task_id, pid: r.pid, pidStartTime: r.pid_start_time, instanceId: r.instance_id })),
  };
}
export type AppRunsRepo = ReturnType<typeof createAppRunsRepo>;
