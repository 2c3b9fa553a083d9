/**
 * switchboard.json on a host, end to end against a real sshd (issue 14 with issue 16): the file is
 * the host's; copyFiles come from the project on the host into the remote worktree (and stay out of
 * the change); setup runs there as the remote user before the agent, its output in the task's
 * terminal under the "setup" heading; a failing or overlong setup fails the task as setup_failed
 * with its last lines and leaves nothing running there; teardown runs in the remote worktree before
 * it is removed. In-place tasks are refused on hosts, saying why.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import type { Task, TaskState } from '../../../shared/models/task.js';
import { waitFor } from '../../fixtures/fake-claude-kit.js';
import { sshdAvailable, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/temp.js';

const FAKE_AGENT = `#!/bin/sh
echo "agent $(id -un) in $(pwd)"
echo "env: $(cat .env 2>&1)"
echo "setup: $(cat .setup-done 2>&1)"
printf 'from the agent\\n' > agent.txt
`;

const GIT_ID = 'GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe.skipIf(!sshdAvailable())('switchboard.json on a host over a real sshd', { timeout: 180_000 }, () => {
  let sshd: TestSshd;
  /** A project on the host with these files committed (and `extra` written but not committed). */
  const project = (name: string, files: Record<string, string>, extra: Record<string, string> = {}): void => {
    const write = (all: Record<string, string>) => Object.entries(all).map(([f, c]) => `echo ${b64(c)} | base64 -d > ${f}`).join(' && ');
    sshd.run(`mkdir -p ~/projects/${name} && cd ~/projects/${name} && git init -q -b main && echo hi > README.md${Object.keys(files).length ? ` && ${write(files)}` : ''} && git add -A && ${GIT_ID} git commit -qm init${Object.keys(extra).length ? ` && ${write(extra)}` : ''}`);
  };
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.run(`cat > ~/fake-agent <<'EOF'\n${FAKE_AGENT}EOF\nchmod +x ~/fake-agent`);
  }, 120_000);
  afterAll(() => sshd?.stop());

  const newCore = (): Core => {
    const home = tempDir('sb-remote-prov-');
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({
        hosts: { box: { ...sshd.host, trustedRoots: ['~/projects'] } },
        agents: { fake: { transport: 'pty', command: `${sshd.home}/fake-agent`, args: ['{prompt}'] } },
        defaultAgent: 'fake',
      }),
    );
    return createCore({ home, userHome: home, runTasks: true, schedulerOptions: { killGraceMs: 500 } });
  };
  const waitState = (core: Core, id: string, states: TaskState[]): Promise<Task> =>
    waitFor(() => states.includes(core.store.tasks.get(id)!.state), 90_000, `task ${id} to be ${states.join('|')} (is ${core.store.tasks.get(id)!.state}: ${core.store.tasks.get(id)!.error})`).then(() => core.store.tasks.get(id)!);
  const output = async (core: Core, taskId: string) => (await core.call('runs.output', { taskId })).chunks.map((c) => c.data).join('');
  const remoteProcs = (re: RegExp) => sshd.procs(re);
  const runFiles = () => sshd.run('ls -A ~/.switchboard/runs').trim();

  it('copies copyFiles from the project on the host, runs setup there before the agent and teardown there before the worktree goes', async () => {
    // .env is neither tracked nor ignored: only copyFiles' exclusion keeps it out of the change.
    project(
      'shop',
      {
        '.gitignore': '.setup-done\n',
        'switchboard.json': JSON.stringify({
          setup: 'echo "setting up as $(id -un)"; echo "made by setup in $PWD" > .setup-done',
          teardown: 'echo "teardown as $(id -un) in $PWD, saw $(cat agent.txt)" > ~/teardown-ran',
          copyFiles: ['.env', 'missing.txt', '../escape'],
        }),
      },
      { '.env': 'SECRET=host-env\n' },
    );
    const core = newCore();
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'go' });
      const done = await waitState(core, t.id, ['awaiting_review', 'failed', 'no_changes']);
      expect(done.state, done.error ?? '').toBe('awaiting_review');
      const wt = `${sshd.home}/.switchboard/worktrees/shop/${t.id}`;
      expect(done.worktreePath).toBe(wt);
      const out = await output(core, t.id);
      expect(out).toContain('── setup: echo "setting up as');
      const order = [`setting up as ${sshd.user}`, 'setup done; starting the agent', `agent ${sshd.user} in ${wt}`].map((s) => out.indexOf(s));
      expect(order.every((i) => i >= 0), out).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(out).toContain('env: SECRET=host-env');
      expect(out).toContain(`setup: made by setup in ${wt}`);
      // The copy and setup's output are not the agent's work.
      const { files } = await core.call('changes.get', { taskId: t.id });
      expect(files.map((f) => `${f.status} ${f.path}`)).toEqual(['added agent.txt']);

      const approved = await core.call('changes.approve', { taskId: t.id });
      expect(approved.task.state).toBe('applied');
      await waitFor(() => sshd.run(`[ -e ${wt} ] && echo there || echo gone`).trim() === 'gone', 60_000, 'the remote worktree to go');
      expect(sshd.run('cat ~/teardown-ran')).toBe(`teardown as ${sshd.user} in ${wt}, saw from the agent\n`);
      expect(sshd.run('cd ~/projects/shop && cat agent.txt')).toBe('from the agent\n');
      expect(runFiles()).toBe('');
    } finally {
      await core.dispose();
    }
  }, 150_000);

  it('a failing setup on the host fails the task as setup_failed with its last lines, naming the host, and starts no agent', async () => {
    project('broken', { 'switchboard.json': JSON.stringify({ setup: 'echo preparing; echo "npm ERR! missing lockfile" >&2; exit 3' }) });
    const core = newCore();
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/broken', host: 'box', prompt: 'go' });
      const done = await waitState(core, t.id, ['failed', 'awaiting_review', 'no_changes']);
      expect(done).toMatchObject({ state: 'failed', errorType: 'setup_failed' });
      expect(done.error).toMatch(/^setup of task \S+ on host box \(switchboard.json "setup": .*\) exited with code 3, so no agent was started/);
      expect(done.error).toContain('npm ERR! missing lockfile');
      const out = await output(core, t.id);
      expect(out).toContain('preparing');
      expect(out).toContain('── setup exited with code 3; the agent was not started');
      expect(out).not.toContain(`agent ${sshd.user}`);
      expect(runFiles()).toBe('');
    } finally {
      await core.dispose();
    }
  }, 150_000);

  it("a setup past its time limit is ended on the host with everything it started", async () => {
    project('slow', { 'switchboard.json': JSON.stringify({ setup: 'echo waiting; sleep 987 & sleep 986; echo never', setupTimeoutSeconds: 2 }) });
    const core = newCore();
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/slow', host: 'box', prompt: 'go' });
      const done = await waitState(core, t.id, ['failed', 'awaiting_review', 'no_changes']);
      expect(done).toMatchObject({ state: 'failed', errorType: 'setup_failed' });
      expect(done.error).toContain('ran past its time limit of 2 s');
      expect((await output(core, t.id)).split('\r\n')).not.toContain('never');
      await waitFor(() => remoteProcs(/sleep 98[67]/).length === 0, 30_000, 'no setup process left on the host');
      expect(runFiles()).toBe('');
    } finally {
      await core.dispose();
    }
  }, 150_000);

  it('refuses an in-place task on a host, saying why and what to do', async () => {
    project('inplace', {});
    const core = newCore();
    try {
      const refused = core.call('tasks.create', { projectDir: '~/projects/inplace', host: 'box', prompt: 'go', inPlace: true });
      await expect(refused).rejects.toThrow(/a task on host box cannot run in place: .*snapshot git dir that lives on this machine.*Dispatch it without in place/);
      expect(core.store.tasks.list({ limit: 10 }).tasks).toEqual([]);
    } finally {
      await core.dispose();
    }
  }, 150_000);
});
