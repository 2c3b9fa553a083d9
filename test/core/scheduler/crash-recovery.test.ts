import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signalGroup } from '../../../electron/core/runners/process-group.js';
import { createCore } from '../../../electron/core/create-core.js';
import { createStore } from '../../../electron/core/store/index.js';
import { buildSchedulerHost } from '../../fixtures/build-scheduler-host.js';
import { gitProject, isAlive, livePids, waitFor } from '../../fixtures/fake-claude-kit.js';
import { writeConfig } from './setup.js';

let host: ReturnType<typeof buildSchedulerHost>;
beforeAll(() => void (host = buildSchedulerHost()));
afterAll(() => host.dispose());

const started: ChildProcess[] = [];
const homes: string[] = [];
// A failed run must not leave its hosts or agents behind (they ignore SIGHUP by design): kill them
// by their pid files, then remove the home.
afterEach(() => {
  started.splice(0).forEach((c) => c.exitCode == null && c.kill('SIGKILL'));
  for (const home of homes.splice(0)) {
    const dir = join(home, 'pids');
    for (const pid of [...livePids(dir), ...livePids(dir, 'children')]) signalGroup(pid, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  }
});

/** Starts the host process; resolves once it printed "ready" (recovery done). */
function startHost(home: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [host.file, home], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().startsWith('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`host exited early with ${code}`)));
  });
}

async function scenario(onInterrupted: 'requeue' | 'leave') {
  const home = mkdtempSync(join(tmpdir(), 'sb-crash-'));
  homes.push(home);
  const pidDir = join(home, 'pids');
  writeConfig(home, pidDir, { maxConcurrent: 3, onInterrupted });
  const project = gitProject(join(home, 'proj'));
  const setup = createCore({ home, userHome: home });
  // Three agents that hang the first time (and ignore SIGHUP, so they outlive their terminal), two queued behind them.
  const hung = await Promise.all(['a', 'b', 'c'].map((n) => setup.call('tasks.create', { projectDir: project, prompt: `ignore-signals\nonce ${join(home, n)} hang\nwrite ${n}.txt ${n}`, priority: 1 })));
  const queued = await Promise.all(['d', 'e'].map((n) => setup.call('tasks.create', { projectDir: project, prompt: `write ${n}.txt ${n}` })));
  await setup.dispose();

  const store = createStore(join(home, 'switchboard.db'));
  const first = await startHost(home);
  const states = () => [...hung, ...queued].map((t) => `${store.tasks.get(t.id)!.state} ${store.tasks.get(t.id)!.error ?? ''}`).join('; ');
  // Wait until each hung agent is really hanging (it ignores SIGHUP from then on).
  const hanging = (id: string) => store.events.list(store.runs.latest(id)?.id ?? -1, id).some((e) => (e.data as { text?: string }).text === 'Working on it...');
  await waitFor(() => hung.every((t) => hanging(t.id)), 15_000, 'three hanging agents').catch((err) => {
    throw new Error(`${err.message}: ${states()}`);
  });
  const orphans = livePids(pidDir);
  expect(orphans).toHaveLength(3);
  expect(queued.map((t) => store.tasks.get(t.id)!.state)).toEqual(['queued', 'queued']);

  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  await new Promise((r) => setTimeout(r, 200));
  expect(orphans.every(isAlive)).toBe(true); // the agents outlived the host: orphans for recovery to find

  const second = await startHost(home);
  // Recovery ran before "ready": the orphans are gone.
  await waitFor(() => orphans.every((p) => !isAlive(p)), 2000, 'the orphans to be killed');
  return { home, pidDir, store, hung, queued, host: second };
}

async function stopHost(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

describe('crash recovery', () => {
  it('after kill -9 of the host: orphan agents are killed, interrupted tasks requeued and run, the queue runs', async () => {
    const s = await scenario('requeue');
    for (const t of [...s.hung, ...s.queued]) await waitFor(() => s.store.tasks.get(t.id)!.state === 'awaiting_review', 15_000, `${t.id} to finish`);
    for (const t of s.hung) {
      const runs = s.store.runs.forTask(t.id);
      expect(runs.map((r) => r.state)).toEqual(['interrupted', 'exited']);
      expect(runs[0].errorType).toBe('interrupted');
    }
    expect(s.store.audit.forTask(s.hung[0].id).map((e) => (e.data as { to?: string }).to)).toEqual(
      expect.arrayContaining(['interrupted', 'queued', 'awaiting_review']),
    );
    await stopHost(s.host);
    expect(livePids(s.pidDir)).toEqual([]);
    s.store.dispose();
  });

  it('with onInterrupted "leave", interrupted tasks wait for the user while the queue runs', async () => {
    const s = await scenario('leave');
    for (const t of s.queued) await waitFor(() => s.store.tasks.get(t.id)!.state === 'awaiting_review', 15_000, `${t.id} to finish`);
    for (const t of s.hung) expect(s.store.tasks.get(t.id)).toMatchObject({ state: 'interrupted', errorType: 'interrupted' });
    await stopHost(s.host);
    expect(livePids(s.pidDir)).toEqual([]);
    s.store.dispose();
  });
});
