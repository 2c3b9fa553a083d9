/**
 * `switchboard run` (switchboard.json's `run`, issue 16) against a real core: the follow logic shows
 * the app's output until Ctrl+C, which stops its tree; --detach / --stop; the errors' wording.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/cli/commands/run.js';
import { followApp } from '../../electron/cli/follow-app.js';
import type { Core } from '../../electron/core/create-core.js';
import type { Api } from '../../shared/contract.js';
import { commitFiles, isAlive, waitFor } from '../fixtures/fake-claude-kit.js';
import { setupScheduler, type SchedulerSetup } from '../core/scheduler/setup.js';

const inProcessApi = (core: Core): Api =>
  new Proxy({}, { get: (_t, name: string) => (name === 'then' ? undefined : (input: unknown) => core.call(name, input)) }) as Api;

const commit = commitFiles;

async function reviewed(s: SchedulerSetup, run: string | null): Promise<string> {
  commit(s.project, { 'switchboard.json': JSON.stringify(run ? { run } : {}) });
  const t = await s.submit('write a.txt hello');
  await s.waitState(t.id, 'awaiting_review', 30_000);
  return t.id;
}

const cli = (s: SchedulerSetup, out: string[]) => (argv: string[]) =>
  runCommand.run({ argv, io: { out: (x) => out.push(x), err: (x) => out.push(x), isTTY: false }, env: {}, home: s.home, connect: async () => inProcessApi(s.core) });

describe('switchboard run', () => {
  it('streams the app output until Ctrl+C, which stops it and its tree', async () => {
    const s = setupScheduler();
    const id = await reviewed(s, 'echo serving on 5173; sleep 600 & echo "sleeper $!"; wait');
    let output = '';
    let interrupt: (() => void) | null = null;
    const result = followApp({
      api: inProcessApi(s.core),
      events: { subscribe: async (l) => s.core.bus.onAny(l) },
      taskId: id,
      io: { write: (d) => void (output += d), onInterrupt: (l) => ((interrupt = l), () => (interrupt = null)), size: () => ({ cols: 90, rows: 20 }) },
    });
    await waitFor(() => /sleeper \d+/.test(output), 20_000, 'the app output');
    expect(output).toContain('serving on 5173');
    const sleeper = Number(/sleeper (\d+)/.exec(output)![1]);
    expect(isAlive(sleeper)).toBe(true);
    interrupt!();
    const r = await result;
    expect(r).toMatchObject({ reason: 'stopped', app: { status: 'exited', run: { state: 'exited' } } });
    expect(isAlive(sleeper)).toBe(false);
    expect(output).toMatch(/the app was stopped by SIG/); // the tail came after the stop
    expect(output.split('serving on 5173\r\n').length).toBe(2); // shown once (the heading has it with the command after it)
  }, 90_000);

  it('follows an app that ends by itself and reports its exit code', async () => {
    const s = setupScheduler();
    const id = await reviewed(s, 'echo tests ran; exit 3');
    let output = '';
    const r = await followApp({
      api: inProcessApi(s.core),
      events: { subscribe: async (l) => s.core.bus.onAny(l) },
      taskId: id,
      io: { write: (d) => void (output += d), onInterrupt: () => () => {}, size: () => null },
    });
    expect(r).toMatchObject({ reason: 'exited', app: { status: 'exited', run: { exitCode: 3 } } });
    expect(output).toContain('tests ran');
    expect(output).toContain('exited with code 3');
  }, 90_000);

  it('--detach leaves it running, --stop ends it; errors say what to do', async () => {
    const s = setupScheduler();
    const id = await reviewed(s, 'sleep 600');
    const out: string[] = [];
    const run = cli(s, out);
    expect(await run([id, '--detach'])).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`the app of ${id} is running \\(pid \\d+\\): sleep 600`));
    const pid = s.core.store.appRuns.latest(id)!.pid!;
    expect(isAlive(pid)).toBe(true);
    await expect(run([id, '--detach'])).rejects.toThrow(`the app of task ${id} is already running (pid ${pid}): stop it first (Stop in the app, or switchboard run ${id} --stop)`);
    out.length = 0;
    expect(await run([id, '--stop'])).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`the app of ${id} has stopped \\(by SIG`));
    await waitFor(() => !isAlive(pid), 10_000, 'the app to end');
    await expect(run([id, '--detach', '--stop'])).rejects.toThrow('--detach and --stop do not go together');

    const bare = await reviewed(s, null);
    await expect(run([bare, '--detach'])).rejects.toThrow(/switchboard.json has no "run" command .*add a "run" command to switchboard.json/);
  }, 120_000);
});
