/**
 * ACP agents on a host, end to end against a real sshd (issue 14): the repo's fake ACP agent (bundled
 * into one file the throwaway user can run) speaks ACP over plain ssh stdio as the remote user in the
 * remote worktree; its fs/* requests act on the host's worktree, confined as locally (a write through
 * a symlink or to an absolute path outside is refused and lands nowhere); terminal/create goes through
 * the permission policy and runs on the host; the write is captured back for review; cancel and a dropped
 * connection leave no process on the host, and so does a kill -9 of Switchboard mid-run once it
 * starts again; an agent missing there fails naming the host.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { controlDirFor, controlPathFor } from '../../../electron/core/remote/ssh-command.js';
import { signalGroup } from '../../../electron/core/runners/process-group.js';
import { createStore } from '../../../electron/core/store/index.js';
import { buildSchedulerHost } from '../../fixtures/build-scheduler-host.js';
import type { Task, TaskState } from '../../../shared/models/task.js';
import { waitFor } from '../../fixtures/fake-claude-kit.js';
import { sshdAvailable, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/temp.js';

const GIT_ID = 'GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com';
const isRoot = process.getuid?.() === 0;

describe.skipIf(!sshdAvailable() || !isRoot)('an ACP agent on a host over a real sshd', { timeout: 180_000 }, () => {
  let sshd: TestSshd;
  let agentFile: string;
  beforeAll(async () => {
    sshd = await startSshd();
    // The project has a committed symlink that leads out of any worktree made from it.
    sshd.run(`mkdir -p ~/projects/app ~/outside && cd ~/projects/app && git init -q -b main && echo hi > README.md && ln -s ~/outside out && git add -A && ${GIT_ID} git commit -qm init`);
    agentFile = join(sshd.home, 'fake-acp-agent.mjs');
    buildSync({ entryPoints: [join(import.meta.dirname, '../../fixtures/fake-acp-agent.mjs')], outfile: agentFile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' });
    const uid = Number(sshd.run('id -u').trim());
    chownSync(agentFile, uid, uid);
  }, 60_000);
  afterAll(() => sshd?.stop());

  const writeConfig = (home: string, agent: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): void =>
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({
        hosts: { box: { ...sshd.host, trustedRoots: ['~/projects'] } },
        agents: { facp: { transport: 'acp', command: 'node', args: [agentFile], ...agent } },
        defaultAgent: 'facp',
        permissionPolicy: 'allow-all',
        ...extra,
      }),
    );
  const newCore = (agent: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Core => {
    const home = tempDir('sb-remote-acp-');
    writeConfig(home, agent, extra);
    return createCore({ home, userHome: home, runTasks: true, schedulerOptions: { killGraceMs: 500 } });
  };
  const waitState = (core: Core, id: string, states: TaskState[]): Promise<Task> =>
    waitFor(() => states.includes(core.store.tasks.get(id)!.state), 90_000, `task ${id} to be ${states.join('|')} (is ${core.store.tasks.get(id)!.state}: ${core.store.tasks.get(id)!.error})`).then(() => core.store.tasks.get(id)!);
  const said = (core: Core, taskId: string): string => {
    const run = core.store.runs.latest(taskId)!;
    return core.store.events
      .list(run.id, taskId)
      .filter((e) => e.kind === 'acp.agent_message_chunk')
      .map((e) => (e.data as { content?: { text?: string } }).content?.text ?? '')
      .join('\n');
  };
  const remoteProcs = () => sshd.procs(/fake-acp-agent|sleep 300|sleep 77/);

  it('runs as the remote user in the remote worktree; fs and terminals act there, confined; the write is captured and approved there', async () => {
    const core = newCore();
    try {
      const prompt = [
        'write notes/new.txt hello from the host',
        'read README.md',
        'terminal id -un; pwd; cat notes/new.txt',
        'write out/escape.txt nope',
        `write ${sshd.home}/outside/abs.txt nope`,
        'read ../../../../../etc/hostname',
      ].join('\n');
      const task = await core.call('tasks.create', { projectDir: '~/projects/app', host: 'box', prompt });
      const done = await waitState(core, task.id, ['awaiting_review', 'failed', 'no_changes']);
      expect(done.state, done.error ?? '').toBe('awaiting_review');
      const wt = `${sshd.home}/.switchboard/worktrees/app/${task.id}`;
      expect(done.worktreePath).toBe(wt);
      const text = said(core, task.id);
      expect(text).toContain('read README.md: hi');
      // The terminal ran on the host, as the remote user, in the remote worktree, and saw the write.
      expect(text).toContain(`terminal exit 0: ${sshd.user}\n${wt}\nhello from the host`);
      expect(text).toMatch(/write failed: Invalid params: refused to write .*out\/escape\.txt: its folder resolves to .*\/outside, outside the task worktree/);
      expect(text).toMatch(/write failed: Invalid params: refused to write .*abs\.txt: it is outside the task worktree/);
      expect(text).toMatch(/read failed \(-32602\): Invalid params: refused to read \/home\/etc\/hostname: it is outside/);
      expect(sshd.run('ls -A ~/outside')).toBe('');

      const run = core.store.runs.latest(task.id)!;
      const kinds = core.store.events.list(run.id, task.id).map((e) => e.kind);
      expect(kinds).toContain('acp.fs_write');
      // Each refused write was a refused read of its old text first, then the write: 2 + 2 + 1.
      expect(kinds.filter((k) => k === 'acp.fs_refused')).toHaveLength(5);
      expect(kinds).toContain('acp.permission'); // terminal/create went through the policy

      const { files } = await core.call('changes.get', { taskId: task.id });
      expect(files.map((f) => `${f.status} ${f.path}`)).toEqual(['added notes/new.txt']);
      const approved = await core.call('changes.approve', { taskId: task.id });
      expect(approved.task.state).toBe('applied');
      expect(sshd.run('cd ~/projects/app && cat notes/new.txt && echo && stat -c %U notes/new.txt')).toBe(`hello from the host\n${sshd.user}\n`);
      expect(remoteProcs()).toEqual([]);
      expect(sshd.run('ls -A ~/.switchboard/runs')).toBe('');
    } finally {
      await core.dispose();
    }
  }, 180_000);

  it('cancel ends the agent on the host, with what it started and a running terminal', async () => {
    const core = newCore();
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/app', host: 'box', prompt: 'say started\nterminal sleep 77\nhang' });
      await waitState(core, t.id, ['running']);
      await waitFor(() => remoteProcs().some((l) => l.includes('sleep 77')), 60_000, 'the terminal to run on the host');
      expect(remoteProcs().some((l) => l.includes('fake-acp-agent'))).toBe(true);
      await core.call('tasks.cancel', { id: t.id });
      expect((await waitState(core, t.id, ['cancelled'])).state).toBe('cancelled');
      expect(remoteProcs()).toEqual([]);
      expect(sshd.run('ls -A ~/.switchboard/runs')).toBe('');
    } finally {
      await core.dispose();
    }
  }, 180_000);

  it('a dropped connection interrupts the ACP run with the reason and leaves no process on the host', async () => {
    const core = newCore({}, { onInterrupted: 'leave' });
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/app', host: 'box', prompt: 'say started\nhang' });
      await waitState(core, t.id, ['running']);
      await waitFor(() => said(core, t.id).includes('started') && remoteProcs().some((l) => l.includes('sleep 300')), 60_000, 'the agent to hang on the host');
      // Kill the shared connection's master: every session over it drops at once.
      const ctl = controlPathFor(controlDirFor(core.paths.root), core.config.get().hosts.box);
      const check = spawnSync('ssh', ['-o', `ControlPath=${ctl}`, '-O', 'check', 'x'], { encoding: 'utf8' });
      const master = Number(/pid=(\d+)/.exec(check.stderr)?.[1]);
      expect(master).toBeGreaterThan(0);
      process.kill(master, 'SIGKILL');
      const ended = await waitState(core, t.id, ['interrupted']);
      expect(ended.errorType).toBe('interrupted');
      expect(ended.error).toMatch(/the connection to host box .* was lost.*interrupted/);
      await waitFor(() => remoteProcs().length === 0, 30_000, 'no agent left on the host');
    } finally {
      await core.dispose();
    }
  }, 180_000);

  it('after a kill -9 of Switchboard mid-run, the next start ends the ACP agent on the host with what it started, and its pid file', async () => {
    const bundle = buildSchedulerHost();
    const home = tempDir('sb-remote-acp-crash-');
    writeConfig(home, {}, { onInterrupted: 'leave' });
    let child: ChildProcess | null = null;
    try {
      const first = createCore({ home, userHome: home });
      const t = await first.call('tasks.create', { projectDir: '~/projects/app', host: 'box', prompt: 'say started\nterminal setsid sleep 777 >/dev/null 2>&1 &\nhang' });
      await first.dispose();
      child = spawn(process.execPath, [bundle.file, home], { stdio: ['ignore', 'ignore', 'inherit'] });
      const store = createStore(join(home, 'switchboard.db'));
      await waitFor(() => store.tasks.get(t.id)!.state === 'running', 90_000, 'the task to run');
      // A terminal command left `sleep 777` behind in a session of its own: only the task's marker finds it.
      await waitFor(() => remoteProcs().some((l) => l.includes('sleep 300')) && remoteProcs().some((l) => / sleep 777$/.test(l)), 90_000, 'the agent to hang on the host');
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      // The local ssh client dies with it or not: the agent on the host ignores EOF and SIGTERM, so it lives on.
      signalGroup(store.runs.latest(t.id)!.pid!, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      expect(remoteProcs().filter((l) => / sleep 777$/.test(l)).length).toBe(1);
      expect(sshd.run('ls -A ~/.switchboard/runs')).not.toBe('');
      store.dispose();

      const again = createCore({ home, userHome: home, runTasks: true });
      try {
        expect(again.store.tasks.get(t.id)!.state).toBe('interrupted');
        // The test host is this machine: local recovery's machine-wide marker scan may end these first. The pid file
        // and the audit entry are the host side's own doing (seen failing with remote recovery turned off).
        await waitFor(() => remoteProcs().length === 0, 60_000, 'recovery to end the agent and its child on the host');
        await waitFor(() => sshd.run('ls -A ~/.switchboard/runs') === '', 30_000, 'the run\'s pid files on the host to go');
        await waitFor(() => again.store.audit.forTask(t.id).some((a) => a.kind === 'recovery.remote_orphans_killed'), 30_000, 'recovery to record what it ended on the host');
      } finally {
        await again.dispose();
      }
    } finally {
      if (child?.exitCode == null) child?.kill('SIGKILL');
      bundle.dispose();
    }
  }, 240_000);

  it('agents.list with a host resolves each command there: found with its version, or missing', async () => {
    // A tool only on the host's PATH (sshd reads PATH from ~/.ssh/environment: PermitUserEnvironment=PATH).
    sshd.run(`mkdir -p ~/bin && printf '#!/bin/sh\\necho "tool 9.1.2 on $(id -un)"\\n' > ~/bin/sbtool && chmod +x ~/bin/sbtool && echo "PATH=$HOME/bin:/usr/local/bin:/usr/bin:/bin" > ~/.ssh/environment`);
    const core = newCore({}, {
      agents: {
        facp: { transport: 'acp', command: 'node', args: [agentFile] },
        tool: { transport: 'pty', command: 'sbtool', args: ['{prompt}'] },
        nowhere: { transport: 'pty', command: 'no-such-agent-here', args: [] },
      },
    });
    try {
      const list = await core.call('agents.list', { host: 'box' });
      const by = Object.fromEntries(list.map((a) => [a.name, a]));
      expect(by.tool).toMatchObject({ host: 'box', available: true, path: `${sshd.home}/bin/sbtool`, version: `tool 9.1.2 on ${sshd.user}` });
      expect(by.facp).toMatchObject({ host: 'box', available: true, version: expect.stringMatching(/^v\d+\./) });
      expect(by.nowhere).toMatchObject({ host: 'box', available: false, path: null });
      expect(by.nowhere.reason).toContain("`no-such-agent-here` is not on host box's PATH");
      // The same list here says the host's tool is not on this machine.
      expect((await core.call('agents.list', {})).find((a) => a.name === 'tool')).toMatchObject({ host: null, available: false });
      await expect(core.call('agents.list', { host: 'nobox' })).rejects.toThrow(/no host is named "nobox"/);
    } finally {
      await core.dispose();
    }
  }, 120_000);

  it('an ACP agent missing on the host fails naming the host and the command', async () => {
    const core = newCore({ command: 'no-such-acp-agent', args: [] });
    try {
      const t = await core.call('tasks.create', { projectDir: '~/projects/app', host: 'box', prompt: 'say hi' });
      const failed = await waitState(core, t.id, ['failed']);
      expect(failed.errorType).toBe('agent_unavailable');
      expect(failed.error).toContain("agent facp's command `no-such-acp-agent` was not found on host box's PATH");
    } finally {
      await core.dispose();
    }
  }, 120_000);
});
