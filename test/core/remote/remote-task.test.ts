/**
 * A task on a host, end to end against a real sshd (issue 14): the agent runs there as the remote
 * user in a worktree on the host, its terminal output streams into the store, the change is captured
 * back and reviewed here, and the approval lands in the remote project, owned by that user. Cancel,
 * a dropped connection and a kill -9 of Switchboard each leave no process on the host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { controlPathFor, controlDirFor } from '../../../electron/core/remote/ssh-command.js';
import { createStore } from '../../../electron/core/store/index.js';
import type { Task, TaskState } from '../../../shared/models/task.js';
import { buildSchedulerHost } from '../../fixtures/build-scheduler-host.js';
import { waitFor } from '../../fixtures/fake-claude-kit.js';
import { sshdAvailable, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/temp.js';

/** The agent on the host: its prompt says what to do. "hang" ignores SIGHUP and SIGTERM and leaves a child in another session. */
const FAKE_AGENT = `#!/bin/sh
echo "agent $(id -un) in $(pwd)"
case "$1" in
  *write*) printf 'hello from the host\\n' > new.txt; echo "more" >> README.md; rm -f gone.txt; echo "wrote it";;
  *hang*) trap '' HUP TERM; setsid sh -c 'trap "" HUP TERM; exec sleep 1001' & sh -c 'trap "" HUP TERM; exec sleep 1002' & echo "hanging"; while :; do sleep 1; done;;
esac
`;

/** Polls an async condition until it holds. */
async function until(fn: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const GIT_ID = 'GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com';

// Each test waits for a real sshd, a real agent and state changes (up to 60 s each on a loaded machine):
// vitest's default 30 s per test is less than the waits it contains.
describe.skipIf(!sshdAvailable())('a task on a host over a real sshd', { timeout: 180_000 }, () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.run(`mkdir -p ~/projects/shop && cd ~/projects/shop && git init -q -b main && echo hi > README.md && echo old > gone.txt && git add -A && ${GIT_ID} git commit -qm init`);
    sshd.run(`cat > ~/fake-agent <<'EOF'\n${FAKE_AGENT}EOF\nchmod +x ~/fake-agent`);
  }, 60_000);
  afterAll(() => sshd?.stop());

  const configFor = (home: string, extra: Record<string, unknown> = {}) =>
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({
        hosts: { box: { ...sshd.host, trustedRoots: ['~/projects'] } },
        agents: { fake: { transport: 'pty', command: `${sshd.home}/fake-agent`, args: ['{prompt}'] } },
        defaultAgent: 'fake',
        ...extra,
      }),
    );
  const newCore = (extra: Record<string, unknown> = {}): Core => {
    const home = tempDir('sb-remote-');
    configFor(home, extra);
    return createCore({ home, userHome: home, runTasks: true, schedulerOptions: { killGraceMs: 500 } });
  };
  const waitState = (core: Core, id: string, states: TaskState[], what = states.join('|')): Promise<Task> =>
    waitFor(() => states.includes(core.store.tasks.get(id)!.state), 60_000, `task ${id} to be ${what} (is ${core.store.tasks.get(id)!.state}: ${core.store.tasks.get(id)!.error})`).then(() => core.store.tasks.get(id)!);
  const output = async (core: Core, taskId: string) => (await core.call('runs.output', { taskId })).chunks.map((c) => c.data).join('');
  /** The host's processes of the remote user, as "pid args". */
  const remoteProcs = () => sshd.procs(/fake-agent|sleep 100[12]/);

  it('runs the agent on the host, captures the change back, and the approval lands in the remote project as the remote user', async () => {
    const core = newCore();
    try {
      const task = await core.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'please write' });
      expect(task.host).toBe('box');
      const done = await waitState(core, task.id, ['awaiting_review', 'failed', 'no_changes']);
      expect(done.state).toBe('awaiting_review');
      expect(done.worktreePath).toBe(`${sshd.home}/.switchboard/worktrees/shop/${task.id}`);
      const out = await output(core, task.id);
      expect(out).toContain(`agent ${sshd.user} in ${done.worktreePath}`);
      expect(out).toContain('wrote it');

      const { files } = await core.call('changes.get', { taskId: task.id });
      expect(files.map((f) => `${f.status} ${f.path}`).sort()).toEqual(['added new.txt', 'deleted gone.txt', 'modified README.md']);
      const diff = await core.call('changes.fileDiff', { taskId: task.id, path: 'new.txt' });
      expect(diff.patch).toContain('+hello from the host');
      // The project itself is untouched until approval.
      expect(sshd.run('cd ~/projects/shop && git status --porcelain')).toBe('');

      const approved = await core.call('changes.approve', { taskId: task.id });
      expect(approved.task.state).toBe('applied');
      expect(sshd.run('cd ~/projects/shop && cat new.txt && stat -c %U new.txt README.md && tail -1 README.md && ls gone.txt 2>&1 || true')).toBe(
        `hello from the host\n${sshd.user}\n${sshd.user}\nmore\nls: cannot access 'gone.txt': No such file or directory\n`,
      );
      // The worktree on the host is removed after review, its branch too.
      await waitFor(() => sshd.run(`[ -e ${done.worktreePath} ] && echo there || echo gone`).trim() === 'gone', 20_000, 'the remote worktree to go');
      expect(sshd.run('cd ~/projects/shop && git branch --list "switchboard/*"')).toBe('');
      expect(remoteProcs()).toEqual([]);
    } finally {
      await core.dispose();
    }
  });

  it('refuses a project outside the host\'s trusted roots (at dispatch as written, on the host as resolved) and an unknown host', async () => {
    const core = newCore();
    try {
      await expect(core.call('tasks.create', { projectDir: '~/elsewhere', host: 'box', prompt: 'x' })).rejects.toThrow(/outside host box's trusted roots \(~\/projects\)/);
      await expect(core.call('tasks.create', { projectDir: '~/projects/shop', host: 'nobox', prompt: 'x' })).rejects.toThrow(/no host is named "nobox"/);
      // An absolute path against ~ roots is compared on the host, before the agent runs...
      const etc = await core.call('tasks.create', { projectDir: '/etc', host: 'box', prompt: 'please write' });
      expect((await waitState(core, etc.id, ['failed'])).error).toMatch(/project directory not allowed: \/etc is outside host box's trusted roots/);
      // ...and so is a symlink inside the roots that leads out.
      sshd.run('ln -sfn /tmp ~/projects/out');
      const t = await core.call('tasks.create', { projectDir: '~/projects/out', host: 'box', prompt: 'please write' });
      const failed = await waitState(core, t.id, ['failed']);
      expect(failed.error).toMatch(/project directory not allowed: \/tmp is outside host box's trusted roots/);
    } finally {
      await core.dispose();
    }
  });

  it('says so when the agent is missing on the host', async () => {
    const core = newCore({ agents: { fake: { transport: 'pty', command: 'no-such-agent', args: ['{prompt}'] } } });
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'please write' });
      const failed = await waitState(core, t.id, ['failed']);
      expect(failed).toMatchObject({ errorType: 'agent_unavailable' });
      expect(failed.error).toContain("agent fake's command `no-such-agent` was not found on host box's PATH");
    } finally {
      await core.dispose();
    }
  });

  it('cancel ends the whole remote tree, including what ignores SIGTERM and left the session', async () => {
    const core = newCore();
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'hang' });
      await waitState(core, t.id, ['running']);
      await until(async () => (await output(core, t.id)).includes('hanging'), 30_000, 'the agent to hang');
      expect(remoteProcs().length).toBeGreaterThanOrEqual(3);
      await core.call('tasks.cancel', { id: t.id });
      expect((await waitState(core, t.id, ['cancelled'])).state).toBe('cancelled');
      expect(remoteProcs()).toEqual([]);
      expect(sshd.run('ls ~/.switchboard/runs')).toBe('');
    } finally {
      await core.dispose();
    }
  });

  it("a host's maxConcurrent holds its next task back, and says why", async () => {
    const core = newCore({ hosts: { box: { ...sshd.host, trustedRoots: ['~/projects'], maxConcurrent: 1 } }, maxConcurrent: 4 });
    try {
      const a = await core.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'hang' });
      await waitState(core, a.id, ['running']);
      const b = await core.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'hang' });
      await new Promise((r) => setTimeout(r, 1500));
      const got = await core.call('tasks.get', { id: b.id });
      expect(got.task.state).toBe('queued');
      expect(got.waiting).toBe('host box already runs 1 task (hosts.box.maxConcurrent is 1); it starts when one ends');
      await core.call('tasks.cancel', { id: a.id });
      await waitState(core, b.id, ['running']);
      await core.call('tasks.cancel', { id: b.id });
      await waitState(core, b.id, ['cancelled']);
      expect(remoteProcs()).toEqual([]);
    } finally {
      await core.dispose();
    }
  });

  it('a dropped connection interrupts the run with the reason, keeps its output, and leaves no process on the host', async () => {
    const core = newCore({ onInterrupted: 'leave' });
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'hang' });
      await waitState(core, t.id, ['running']);
      await until(async () => (await output(core, t.id)).includes('hanging'), 30_000, 'the agent to hang');
      // Kill the shared connection's master process: every session over it drops at once.
      const ctl = controlPathFor(controlDirFor(core.paths.root), core.config.get().hosts.box);
      const check = await new Promise<string>((resolve) => {
        const c = spawn('ssh', ['-o', `ControlPath=${ctl}`, '-O', 'check', 'x'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        c.stderr.on('data', (d: Buffer) => (err += d.toString()));
        c.on('close', () => resolve(err));
      });
      const master = Number(/pid=(\d+)/.exec(check)?.[1]);
      expect(master).toBeGreaterThan(0);
      process.kill(master, 'SIGKILL');
      const ended = await waitState(core, t.id, ['interrupted']);
      expect(ended.errorType).toBe('interrupted');
      expect(ended.error).toMatch(/the connection to host box .* was lost.*interrupted/);
      expect(core.store.runs.latest(t.id)).toMatchObject({ state: 'interrupted' });
      expect(await output(core, t.id)).toContain('hanging');
      await waitFor(() => remoteProcs().length === 0, 30_000, 'no agent left on the host');
    } finally {
      await core.dispose();
    }
  });

  it('after a kill -9 of Switchboard mid-run, the next start ends the agent on the host', async () => {
    const bundle = buildSchedulerHost();
    const home = tempDir('sb-remote-crash-');
    configFor(home, { onInterrupted: 'leave' });
    let child: ChildProcess | null = null;
    try {
      const setup = createCore({ home, userHome: home });
      const t = await setup.call('tasks.create', { projectDir: '~/projects/shop', host: 'box', prompt: 'hang' });
      await setup.dispose();
      child = spawn(process.execPath, [bundle.file, home], { stdio: ['ignore', 'pipe', 'inherit'] });
      const store = createStore(join(home, 'switchboard.db'));
      await waitFor(() => store.tasks.get(t.id)!.state === 'running', 60_000, 'the task to run');
      await waitFor(() => remoteProcs().length >= 3, 30_000, 'the agent to hang on the host');
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      // The ssh client dies with it or not: the agent on the host ignores SIGHUP, so it lives on.
      const { signalGroup } = await import('../../../electron/core/runners/process-group.js');
      signalGroup(store.runs.latest(t.id)!.pid!, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      expect(remoteProcs().length).toBeGreaterThanOrEqual(3);
      store.dispose();

      const again = createCore({ home, userHome: home, runTasks: true });
      try {
        expect(again.store.tasks.get(t.id)!.state).toBe('interrupted');
        await waitFor(() => remoteProcs().length === 0, 30_000, 'recovery to end the agent on the host');
      } finally {
        await again.dispose();
      }
    } finally {
      if (child?.exitCode == null) child?.kill('SIGKILL');
      bundle.dispose();
    }
  });
});
