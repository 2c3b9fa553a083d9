import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupScheduler } from './setup.js';

const commit = (dir: string, files: Record<string, string>): void => {
  for (const [p, c] of Object.entries(files)) writeFileSync(join(dir, p), c);
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', 'provisioning'], { cwd: dir, env });
};

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
    expect(run).toMatchObject({ pid: null, errorType: 'setup_failed' });
    expect(existsSync(join(done.worktreePath!, 'agent-ran.txt'))).toBe(false);
    expect(existsSync(s.pidDir) ? readdirSync(s.pidDir) : []).toEqual([]); // the fake agent never ran
    expect(await outputOf(s, t.id)).toContain('npm ERR! missing lockfile');
    expect(s.core.store.audit.forTask(t.id).filter((e) => e.kind === 'task.state').at(-1)).toMatchObject({ data: { from: 'preparing', to: 'failed', event: 'setup_fail' } });
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
