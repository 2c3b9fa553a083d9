/** Shared set-up for the ACP runner tests: a real core (temp home, real SQLite), a task, a run, a recording sink. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../../../electron/core/create-core.js';
import { createAcpRunner, type AcpRunner } from '../../../../electron/core/runners/acp-runner.js';
import type { ResolvedAgent, RunRequest, RunSink } from '../../../../electron/core/runners/runner.js';
import type { Run, RunEvent } from '../../../../shared/models/run.js';
import type { Task } from '../../../../shared/models/task.js';
import { tempDir } from '../../../helpers/temp.js';

export const FAKE_AGENT = fileURLToPath(new URL('../../../fixtures/fake-acp-agent.mjs', import.meta.url));

export function fakeAgent(flags: string[] = [], over: Partial<ResolvedAgent> = {}): ResolvedAgent {
  return { name: 'fake', transport: 'acp', command: process.execPath, args: [FAKE_AGENT, ...flags], env: {}, loginHint: 'run fake-agent login', ...over };
}

export interface RecordingSink extends RunSink {
  events: RunEvent[];
  output: RunSink['output'] & { text(): string };
  awaiting: boolean[];
  sessionIds: string[];
  pids: number[];
}

/** Stores events the way the scheduler does (run_events + `run.event` on the bus) and remembers everything. */
export function recordingSink(core: Core, task: Task, run: Run): RecordingSink {
  const events: RunEvent[] = [];
  const chunks: string[] = [];
  const awaiting: boolean[] = [];
  const sessionIds: string[] = [];
  const pids: number[] = [];
  const output = Object.assign((d: string) => void chunks.push(d), { text: () => chunks.join('') });
  return {
    events,
    awaiting,
    sessionIds,
    pids,
    output,
    event(kind, data) {
      const e = core.store.events.append(run.id, task.id, kind, data, core.clock.now(), -1);
      core.bus.emit('run.event', e);
      events.push(e);
    },
    sessionId: (id) => void sessionIds.push(id),
    awaitingInput: (w) => void awaiting.push(w),
    spawned(pid) {
      pids.push(pid);
      core.store.runs.setProcess(run.id, pid, null);
    },
  };
}

export interface Rig {
  core: Core;
  home: string;
  worktree: string;
  task: Task;
  run: Run;
  sink: RecordingSink;
  runner: AcpRunner;
  request(prompt: string, agent?: ResolvedAgent, over?: Partial<RunRequest>): RunRequest;
}

export function rig(opts: { handshakeTimeoutMs?: number; permissionPolicy?: 'ask' | 'allow-reads' | 'allow-all' } = {}): Rig {
  const home = tempDir();
  const worktree = join(home, 'worktree');
  mkdirSync(worktree);
  const core = createCore({ home, userHome: home });
  if (opts.permissionPolicy) {
    writeFileSync(core.paths.config, JSON.stringify({ permissionPolicy: opts.permissionPolicy }));
    core.config.reload();
  }
  const task = core.submit({ projectDir: worktree, prompt: 'scripted', source: 'api', agent: 'fake' });
  const run = core.store.runs.create(task.id, 'fake', 'acp', core.instanceId, core.clock.now());
  const sink = recordingSink(core, task, run);
  const runner = createAcpRunner({ permissions: core.permissions, audit: core.store.audit, clock: core.clock, handshakeTimeoutMs: opts.handshakeTimeoutMs ?? 10_000 });
  afterEach(async () => {
    await runner.dispose();
    await core.dispose();
    // Whatever a failed test left behind (our agents lead their own groups).
    for (const pid of sink.pids) if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  });
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
  return {
    core,
    home,
    worktree: task.projectDir,
    task,
    run,
    sink,
    runner,
    request: (prompt, agent = fakeAgent(), over = {}) => ({ task, run, agent, cwd: task.projectDir, prompt, env, sink, ...over }),
  };
}

export const kinds = (events: RunEvent[]): string[] => events.map((e) => e.kind);

/** Whether any process of group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export const waitFor = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};
