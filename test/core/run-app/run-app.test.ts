/**
 * switchboard.json's `run` (issue 16) on a real core: a real PTY, a temp git repo, the fake agent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract.js';
import { commitFiles, isAlive, waitFor } from '../../fixtures/fake-claude-kit.js';
import { tempDir } from '../../helpers/temp.js';
import { homeKeyOf, runMarker } from '../../../electron/core/runners/process-control/process-control.js';
import { setupScheduler, type SchedulerSetup } from '../scheduler/setup.js';

const commit = commitFiles;

/** A project whose `run` prints, starts a child that ignores SIGTERM (its pid in `pids`), and waits. */
function appProject(s: SchedulerSetup): { pids: string } {
  const pids = tempDir('sb-app-pids-');
  commit(s.project, {
    'app.sh': [
      'echo "app says hello in $PWD, task $SWITCHBOARD_DISPATCH_ID, marker $SWITCHBOARD_RUN_MARKER"',
      `sh -c 'trap "" TERM; echo $$ > ${pids}/child; while :; do sleep 1; done' &`,
      `echo $$ > ${pids}/app`,
      'echo "child started"',
      'wait',
    ].join('\n'),
    'switchboard.json': JSON.stringify({ run: 'sh ./app.sh' }),
  });
  return { pids };
}

const appText = async (s: SchedulerSetup, id: string): Promise<string> => (await s.core.call('tasks.appOutput', { id })).chunks.map((c) => c.data).join('');
const pidIn = (file: string): number | null => (existsSync(file) && readFileSync(file, 'utf8').trim() ? Number(readFileSync(file, 'utf8')) : null);

async function reviewedTask(s: SchedulerSetup): Promise<string> {
  const t = await s.submit('write a.txt hello');
  await s.waitState(t.id, 'awaiting_review', 30_000);
  return t.id;
}

describe("switchboard.json's run", () => {
  it('runs in the worktree in its own terminal stream; a stop ends its whole tree, a child that ignores TERM too', async () => {
    const s = setupScheduler();
    const { pids } = appProject(s);
    const id = await reviewedTask(s);
    const worktree = s.task(id).worktreePath!;
    expect((await s.core.call('tasks.get', { id })).app).toMatchObject({ status: 'idle', command: 'sh ./app.sh', run: null });

    const pushed: EventPayload<'appRun.output'>[] = [];
    const changes: EventPayload<'appRun.changed'>[] = [];
    s.core.bus.on('appRun.output', (e) => pushed.push(e));
    s.core.bus.on('appRun.changed', (e) => changes.push(e));
    const started = await s.core.call('tasks.runApp', { id });
    expect(started).toMatchObject({ status: 'running', command: 'sh ./app.sh', run: { state: 'running', pid: expect.any(Number) } });
    await expect(s.core.call('tasks.runApp', { id })).rejects.toThrow(/already running .*stop it first/);

    const child = await waitFor(() => pidIn(join(pids, 'child')), 20_000, 'the child to start');
    const app = await waitFor(() => pidIn(join(pids, 'app')), 20_000, 'the app to start');
    // The stored output, read through the contract (waitFor's condition is synchronous: read the store).
    await waitFor(() => s.core.store.appOutput.readAfter(started.run!.id).map((c) => c.data.toString()).join('').includes('child started'), 20_000, 'the app output');
    const text = await appText(s, id);
    expect(text).toContain(`app says hello in ${worktree}, task ${id}, marker ${runMarker(homeKeyOf(s.home), `${id}.app`)}`); // its cwd; its own marker, not the agent's
    expect(pushed.every((e) => e.taskId === id && e.appRunId === started.run!.id)).toBe(true);
    expect(pushed.map((e) => e.data).join('')).toContain('child started');
    // The agent's terminal is a different stream: the app's output is not in it.
    expect((await s.core.call('runs.output', { taskId: id })).chunks.map((c) => c.data).join('')).not.toContain('app says hello');
    expect([child, app, started.run!.pid!].every(isAlive)).toBe(true);
    expect((await s.core.call('tasks.get', { id })).app?.status).toBe('running');

    const stopped = await s.core.call('tasks.stopApp', { id });
    expect(stopped).toMatchObject({ status: 'exited', run: { state: 'exited', signal: expect.any(String) } });
    await waitFor(() => ![child, app, started.run!.pid!].some(isAlive), 10_000, 'the whole tree to end');
    expect(await appText(s, id)).toMatch(/the app was stopped by SIG/);
    expect(s.task(id).state).toBe('awaiting_review'); // the task is untouched
    await waitFor(() => changes.some((c) => c.app.status === 'exited'), 5_000, 'appRun.changed exited');
    // A stopped app can run again (a new app run, its own output).
    const again = await s.core.call('tasks.runApp', { id });
    expect(again.run!.id).not.toBe(started.run!.id);
    await s.core.call('tasks.stopApp', { id });
  }, 90_000);

  it("stops with the task's cancel, and then cannot run: the worktree is gone", async () => {
    const s = setupScheduler();
    const { pids } = appProject(s);
    const id = await reviewedTask(s);
    const started = await s.core.call('tasks.runApp', { id });
    const child = await waitFor(() => pidIn(join(pids, 'child')), 20_000, 'the child to start');
    await s.core.call('tasks.cancel', { id });
    await waitFor(() => ![child, started.run!.pid!].some(isAlive), 15_000, 'the app tree to end with the task');
    await waitFor(() => s.core.store.appRuns.latest(id)?.state === 'exited', 10_000, 'the app run to be closed');
    expect(s.task(id).state).toBe('cancelled');
    const after = await s.core.call('tasks.get', { id });
    expect(after.app).toMatchObject({ status: 'no_worktree', message: expect.stringMatching(/has no worktree/) });
    await expect(s.core.call('tasks.runApp', { id })).rejects.toThrow(/cannot run the app: task .* has no worktree/);
  }, 90_000);

  it('says how to add `run` when switchboard.json has none', async () => {
    const s = setupScheduler();
    commit(s.project, { 'switchboard.json': JSON.stringify({ setup: 'true' }) });
    const id = await reviewedTask(s);
    const { app } = await s.core.call('tasks.get', { id });
    expect(app).toMatchObject({ status: 'not_configured', message: expect.stringMatching(/has no "run" command .*\{ "run": "npm run dev" \}/) });
    await expect(s.core.call('tasks.runApp', { id })).rejects.toThrow(/switchboard.json has no "run" command/);
    expect(s.core.store.appRuns.latest(id)).toBeNull();
  }, 60_000);

  it('ends when the core stops (daemon stop)', async () => {
    const s = setupScheduler();
    const { pids } = appProject(s);
    const id = await reviewedTask(s);
    const started = await s.core.call('tasks.runApp', { id });
    const child = await waitFor(() => pidIn(join(pids, 'child')), 20_000, 'the child to start');
    await s.core.dispose();
    expect([child, started.run!.pid!].filter(isAlive)).toEqual([]);
  }, 90_000);
});
