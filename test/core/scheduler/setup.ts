/** A real core (store, git workspace, scheduler, PTY runner) whose `claude` is the fake agent. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import type { Task, TaskState } from '../../../shared/models/task.js';
import { FAKE_CLAUDE, gitProject, waitFor } from '../../fixtures/fake-claude-kit.js';
import { tempDir } from '../../helpers/temp.js';

export interface SetupOptions {
  config?: Record<string, unknown>;
  ttlMs?: number;
  /** Start the scheduler at once (default true). */
  start?: boolean;
  home?: string;
}

export interface SchedulerSetup {
  home: string;
  pidDir: string;
  project: string;
  core: Core;
  configFile: string;
  submit(prompt: string, extra?: Record<string, unknown>): Promise<Task>;
  task(id: string): Task;
  waitState(id: string, states: TaskState | readonly TaskState[], timeoutMs?: number): Promise<Task>;
}

export function writeConfig(home: string, pidDir: string, config: Record<string, unknown> = {}): string {
  const file = join(home, 'config.json');
  const own = (config.agents ?? {}) as Record<string, Record<string, unknown>>;
  const agents = { ...own, claude: { command: FAKE_CLAUDE, ...own.claude, env: { FAKE_CLAUDE_PIDDIR: pidDir, ...(own.claude?.env as object) } } };
  writeFileSync(file, JSON.stringify({ maxConcurrent: 3, ...config, agents }));
  return file;
}

export function setupScheduler(opts: SetupOptions = {}): SchedulerSetup {
  const home = opts.home ?? tempDir();
  const pidDir = join(home, 'pids');
  const configFile = writeConfig(home, pidDir, opts.config);
  const core = createCore({
    home,
    userHome: home,
    runTasks: opts.start ?? true,
    schedulerOptions: { killGraceMs: 300, ...(opts.ttlMs ? { ttlMs: () => opts.ttlMs! } : {}) },
  });
  afterEach(() => core.dispose());
  const project = gitProject(join(home, 'proj'));
  const task = (id: string) => core.store.tasks.get(id)!;
  return {
    home,
    pidDir,
    project,
    core,
    configFile,
    submit: (prompt, extra = {}) => core.call('tasks.create', { projectDir: project, prompt, ...extra }),
    task,
    waitState(id, states, timeoutMs = 60_000) {
      const want: readonly TaskState[] = typeof states === 'string' ? [states] : states;
      return waitFor(() => (want.includes(task(id).state) ? task(id) : null), timeoutMs, `${id} to be ${want.join('|')} (is ${task(id).state})`);
    },
  };
}
