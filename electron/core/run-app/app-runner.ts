/**
 * switchboard.json's `run` (issue 16): a one-click "run the app" (dev server, tests) in a task's
 * worktree. It runs like a PTY agent (pty-runner.ts: its own terminal and process group under the
 * session keeper, the clean agent env), but its output is stored in its own tables (app_output) and
 * pushed as `appRun.output`: a second terminal stream beside the agent's. It stops with the task
 * (entering a final state: cancel, approve, reject...), before its worktree is removed, and when the
 * core is disposed; stopping ends its whole process tree (SIGTERM, SIGKILL after a grace, then
 * whatever left the group but carries its marker).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppRun, AppState } from '../../../shared/models/app-run.js';
import { isFinalState, type Task } from '../../../shared/models/task.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError, notFound } from '../errors.js';
import { readSwitchboardFile } from '../provision/switchboard-file.js';
import { PROMPT_TOKEN } from '../runners/agent-args.js';
import { cleanEnv } from '../runners/clean-env.js';
import { killOrphanGroup, processStartTime } from '../runners/process-group.js';
import { runMarker } from '../runners/process-control/process-control.js';
import { createPtyRunner } from '../runners/pty-runner.js';
import { createRunOutput, type RunOutput } from '../runners/run-output.js';
import type { RunHandle } from '../runners/runner.js';
import type { Store } from '../store/index.js';
import { createReplay, type Replay } from '../runners/output-replay.js';

export interface AppRunnerDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  config: ConfigService;
  /** Where the project sits inside its repository (the workspace's locate): the app runs there in the worktree. */
  projectPrefix(task: Task): Promise<string>;
  instanceId: string;
  /** This home's key (homeKeyOf), for the app's run marker. */
  homeKey: string;
  /** The environment the clean env is taken from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** More secret values to keep out of its env (the host token). */
  secrets?: () => (string | null | undefined)[];
  /** SIGTERM → SIGKILL grace (default 5 s). */
  graceMs?: number;
}

interface LiveApp {
  run: AppRun;
  output: RunOutput;
  handle: RunHandle | null;
}

/** The run marker its processes carry: not the agent's, so ending the app never kills the agent's processes. */
const appMarker = (homeKey: string, taskId: string): string => runMarker(homeKey, `${taskId}.app`);

const HOW_TO_ADD =
  'add a "run" command to switchboard.json at the project root (for example { "run": "npm run dev" }) and commit it, so new worktrees have it; ' +
  "for this task's worktree, add it to the switchboard.json there";

export function createAppRunner(deps: AppRunnerDeps) {
  const { store, bus, clock, config } = deps;
  const live = new Map<string, LiveApp>();
  const starting = new Set<string>();
  const graceMs = deps.graceMs ?? 5000;
  const pty = createPtyRunner();

  // Apps a dead instance left running: killed by pid + start time, their rows closed.
  for (const r of store.appRuns.live()) {
    if (r.instanceId === deps.instanceId) continue;
    if (r.pid != null) killOrphanGroup(r.pid, r.pidStartTime, appMarker(deps.homeKey, r.taskId));
    store.appRuns.finish(r.id, null, null, clock.now());
  }

  const mustGet = (id: string): Task => store.tasks.get(id) ?? (() => { throw notFound(`task ${id}`); })();

  /** The directory it runs in (the worktree, at the project's place in it), or why there is none. */
  const locate = async (task: Task): Promise<{ cwd: string } | { why: string }> => {
    if (task.host) return { why: `task ${task.id} ran on host ${task.host}; running its app there is not supported yet` };
    if (!task.worktreePath || !existsSync(task.worktreePath)) {
      return { why: `task ${task.id} has no worktree (${task.inPlace ? 'it ran in the project folder itself' : 'it was applied, rejected or removed'}), so there is nothing to run; retry or follow up the task to get one` };
    }
    const prefix = await deps.projectPrefix(task).catch(() => null);
    if (prefix == null) return { why: `the project of task ${task.id} (${task.projectDir}) is no longer a git repository` };
    return { cwd: join(task.worktreePath, prefix) };
  };

  /** switchboard.json's `run` in that directory, or why there is none. */
  const commandIn = (cwd: string): { command: string } | { why: string } => {
    try {
      const run = readSwitchboardFile(cwd).run;
      return run ? { command: run } : { why: `switchboard.json has no "run" command (looked in ${cwd}): ${HOW_TO_ADD}` };
    } catch (err) {
      return { why: (err as Error).message.replace(/ and retry the task$/, ', then press Run again') };
    }
  };

  async function state(taskId: string): Promise<AppState> {
    const task = mustGet(taskId);
    const current = live.get(taskId);
    const run = current?.run ?? store.appRuns.latest(taskId);
    if (current) return { status: 'running', command: current.run.command, run, message: null };
    const where = await locate(task);
    if ('why' in where) return { status: 'no_worktree', command: null, run, message: where.why };
    const cmd = commandIn(where.cwd);
    if ('why' in cmd) return { status: 'not_configured', command: null, run, message: cmd.why };
    return { status: run ? 'exited' : 'idle', command: cmd.command, run, message: null };
  }

  const announce = (taskId: string): void => {
    void state(taskId).then(
      (app) => bus.emit('appRun.changed', { taskId, app }),
      () => {}, // the task is gone
    );
  };

  async function start(taskId: string, size: { cols?: number; rows?: number } = {}): Promise<AppState> {
    const task = mustGet(taskId);
    const running = live.get(taskId);
    if (running || starting.has(taskId)) {
      throw new AppError('conflict', `the app of task ${taskId} is already running${running?.run.pid ? ` (pid ${running.run.pid})` : ''}: stop it first (Stop in the app, or switchboard run ${taskId} --stop)`);
    }
    starting.add(taskId);
    try {
      const where = await locate(task);
      if ('why' in where) throw new AppError('conflict', `cannot run the app: ${where.why}`);
      const cmd = commandIn(where.cwd);
      if ('why' in cmd) throw new AppError('conflict', `cannot run the app of task ${taskId}: ${cmd.why}`);
      const cfg = config.get();
      const run = store.appRuns.create(taskId, cmd.command, deps.instanceId, clock.now());
      const output = createRunOutput({
        bus, writer: store.appOutput.writer(run.id, cfg.outputCapBytes), taskId, runId: run.id,
        push: (seq, data) => bus.emit('appRun.output', { taskId, appRunId: run.id, seq, data }),
      });
      const entry: LiveApp = { run, output, handle: null };
      live.set(taskId, entry);
      output.write(`\x1b[1m── run: ${cmd.command} ──\x1b[0m\r\n`);
      const env = cleanEnv({ agent: { env: {}, passEnv: [] }, dispatchId: taskId, marker: appMarker(deps.homeKey, taskId), parent: deps.env ?? process.env, secrets: [cfg.dispatchSecret, cfg.githubToken, ...(deps.secrets?.() ?? [])] });
      try {
        entry.handle = await pty.start({
          agent: { name: 'run', transport: 'pty', command: '/bin/sh', args: ['-c', PROMPT_TOKEN], env: {} },
          prompt: cmd.command, cwd: where.cwd, env, cols: size.cols, rows: size.rows,
          sink: {
            output: (d) => output.write(d),
            event: () => {},
            sessionId: () => {},
            awaitingInput: () => {},
            spawned: (pid) => {
              store.appRuns.setProcess(run.id, pid, processStartTime(pid));
              entry.run = { ...entry.run, pid };
            },
          },
        });
      } catch (err) {
        output.write(`\r\n\x1b[1m── the app could not start: ${(err as Error).message} ──\x1b[0m\r\n`);
        ended(taskId, entry, null, null);
        throw new AppError('internal', `the app of task ${taskId} could not start: ${(err as Error).message}`);
      }
      void entry.handle.done.then((o) => {
        const how = o.signal ? `was stopped by ${o.signal}` : `exited with code ${o.exitCode}`;
        output.write(`\r\n\x1b[1m── the app ${how} ──\x1b[0m\r\n`);
        ended(taskId, entry, o.exitCode, o.signal);
      });
      announce(taskId);
      return { status: 'running', command: cmd.command, run: entry.run, message: null };
    } finally {
      starting.delete(taskId);
    }
  }

  function ended(taskId: string, entry: LiveApp, exitCode: number | null, signal: string | null): void {
    entry.output.close();
    store.appRuns.finish(entry.run.id, exitCode, signal, clock.now());
    if (live.get(taskId) === entry) live.delete(taskId);
    announce(taskId);
  }

  /** Stops the task's app and waits until its process tree is gone; a no-op when it is not running. */
  async function stop(taskId: string): Promise<void> {
    const entry = live.get(taskId);
    if (!entry?.handle) return;
    await entry.handle.stop('cancel', graceMs);
  }

  // It stops with the task: cancel, approve, reject, failure... (every final state).
  const offTask = bus.on('task.changed', ({ task }) => {
    if (isFinalState(task.state) && live.has(task.id)) void stop(task.id);
  });

  return {
    state,
    start,
    stop,
    /** Its stored and live output, like runs.output (latest start when appRunId is not given). */
    replay(taskId: string, appRunId: number | undefined, afterSeq: number, maxBytes?: number): Replay & { appRunId: number | null } {
      mustGet(taskId);
      const run = appRunId == null ? store.appRuns.latest(taskId) : store.appRuns.get(appRunId);
      if (!run || run.taskId !== taskId) {
        if (appRunId != null) throw notFound(`app run ${appRunId} of task ${taskId}`);
        return { appRunId: null, chunks: [], droppedBytes: 0, droppedMarker: null, live: false };
      }
      const replay = createReplay(store.appOutput, (id) => (live.get(taskId)?.run.id === id ? live.get(taskId)?.output.ring : undefined));
      return { appRunId: run.id, ...replay(run.id, afterSeq, maxBytes) };
    },
    /** Typing into and resizing its terminal while it runs. */
    handle: (taskId: string): RunHandle | null => live.get(taskId)?.handle ?? null,
    /** Stops every app (core dispose). */
    async dispose(): Promise<void> {
      offTask();
      await Promise.all([...live.keys()].map(stop));
    },
  };
}
export type AppRunner = ReturnType<typeof createAppRunner>;
