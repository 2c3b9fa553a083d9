import { homeKeyOf } from '../../../electron/core/runners/process-control/process-control.js';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killOrphanRuns } from '../../../electron/core/scheduler/recovery.js';
import { commitFiles } from '../../fixtures/fake-claude-kit.js';
import { setupScheduler } from './setup.js';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const commit = commitFiles;

const outputOf = async (s: ReturnType<typeof setupScheduler>, taskId: string): Promise<string> =>
  (await s.core.call('runs.output', { taskId })).chunks.map((c) => c.data).join('');

describe("switchboard.json's setup", () => {
  it('runs in the new worktree before the agent, which sees what it wrote; ignored output stays out of the change', async () => {
    const s = setupScheduler();
    commit(s.project, {
      '.gitignore': 'node_modules/\n.env\n.setup-marker\n',
      'switchboard.json': JSON.stringify({ setup: 'echo installing; mkdir -p node_modules/dep && echo x > node_modules/dep/index.js && echo SECRET=1 > .env && echo "ran in $PWD" > .setup-marker' }),
    });
    const t = await s.submit('copy .setup-marker seen-marker.txt');
    const done = await s.waitState(t.id, ['awaiting_review', 'failed', 'no_changes']);
    expect(done.state).toBe('awaiting_review');
    const { files } = await s.core.call('changes.get', { taskId: t.id });
    expect(files.map((f) => f.path)).toEqual(['seen-marker.txt']); // no node_modules, .env or marker itself
    const diff = await s.core.call('changes.fileDiff', { taskId: t.id, path: 'seen-marker.txt' });
    expect(diff.patch).toContain(`+ran in ${done.worktreePath}`);
    const output = await outputOf(s, t.id);
    expect(output).toContain('── setup: echo installing');
    expect(output.indexOf('installing')).toBeLessThan(output.indexOf('setup done; starting the agent'));
  });

  it('a failing setup fails the task as setup_failed with its last lines, and starts no agent', async () => {
    const s = setupScheduler();
    commit(s.project, { 'switchboard.json': JSON.stringify({ setup: 'echo "npm ERR! missing lockfile" >&2; exit 3' }) });
    const t = await s.submit('write agent-ran.txt yes');
    const done = await s.waitState(t.id, ['failed', 'awaiting_review', 'no_changes']);
    expect(done).toMatchObject({ state: 'failed', errorType: 'setup_failed' });
    expect(done.error).toMatch(/setup of task .* exited with code 3, so no agent was started/);
    expect(done.error).toContain('npm ERR! missing lockfile');
    const [run] = s.core.store.runs.forTask(t.id);
    // The pid on record is the setup shell's (kept for recovery), and it is gone.
    expect(run).toMatchObject({ pid: expect.any(Number), errorType: 'setup_failed' });
    expect(alive(run.pid!)).toBe(false);
    expect(existsSync(join(done.worktreePath!, 'agent-ran.txt'))).toBe(false);
    expect(existsSync(s.pidDir) ? readdirSync(s.pidDir) : []).toEqual([]); // the fake agent never ran
    expect(await outputOf(s, t.id)).toContain('npm ERR! missing lockfile');
    expect(s.core.store.audit.forTask(t.id).filter((e) => e.kind === 'task.state').at(-1)).toMatchObject({ data: { from: 'preparing', to: 'failed', event: 'setup_fail' } });
  });

  it("records setup's pid on the run while it works, so start-up recovery after a crash kills it", async () => {
    const s = setupScheduler();
    commit(s.project, { 'switchboard.json': JSON.stringify({ setup: 'echo installing; sleep 600 & wait' }) });
    const t = await s.submit('write agent-ran.txt yes');
    let pid: number | null = null;
    for (let i = 0; i < 600 && pid == null; i++) {
      pid = s.core.store.runs.forTask(t.id)[0]?.pid ?? null;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(pid).not.toBeNull();
    expect(alive(pid!)).toBe(true);
    expect(s.task(t.id).state).toBe('preparing');
    // What start-up does for the runs a dead instance left open (here: any instance's).
    const [orphan] = killOrphanRuns(s.core.store, homeKeyOf(s.core.paths.root));
    expect(orphan).toMatchObject({ taskId: t.id, pid });
    expect(orphan.killed).toContain(pid);
    const done = await s.waitState(t.id, ['failed', 'awaiting_review', 'no_changes']);
    expect(done).toMatchObject({ state: 'failed', errorType: 'setup_failed' });
    expect(alive(pid!)).toBe(false);
    expect(existsSync(join(done.worktreePath!, 'agent-ran.txt'))).toBe(false);
  });

  it('an invalid switchboard.json fails the task naming the field', async () => {
    const s = setupScheduler();
    commit(s.project, { 'switchboard.json': JSON.stringify({ setup: 'true', copyFiles: '.env' }) });
    const t = await s.submit('write agent-ran.txt yes');
    const done = await s.waitState(t.id, ['failed', 'awaiting_review']);
    expect(done).toMatchObject({ state: 'failed', errorType: 'setup_failed' });
    expect(done.error).toMatch(/switchboard.json is invalid: copyFiles/);
  });
});
