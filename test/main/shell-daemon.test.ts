/**
 * The shell's life with its daemon (issue 13), through the fake electron module: starting one when none
 * runs, attaching to a running one, Quit (agents keep running) vs Quit and stop agents, restarting a
 * daemon that stopped answering, and offering to restart an older one once idle. The first three use
 * real daemon processes (out/electron/host/daemon-entry.js, what the app's detached start runs; needs
 * `npm run build`) and the fake claude agent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../core/git/git-fixture.js';
import { isAlive } from '../fixtures/fake-claude-kit.js';
import { tempDir as helperTempDir } from '../helpers/temp.js';
import { FAKE_CLAUDE, newHome } from '../host/home.js';
import { FakeNotification, FakeTray } from './fake-electron.js';
import { askDaemon, DAEMON_ENTRY, startShell, until, windowClient } from './shell-harness.js';

type Item = { label?: string; click?: () => void };
const clickTray = (label: string) => (FakeTray.instances.at(-1)!.menu!.template as Item[]).find((i) => i.label === label)!.click!();
type Shown = { task: { state: string }; runs: { pid: number | null }[] };

beforeAll(() => {
  if (!existsSync(DAEMON_ENTRY)) throw new Error(`${DAEMON_ENTRY} is not built: run \`npm run build\` first`);
  // The fake agent commits nothing, but git in the worktree wants an identity.
  Object.assign(process.env, { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' });
});

async function agentHome() {
  const home = newHome({ agents: { claude: { command: FAKE_CLAUDE } }, onInterrupted: 'requeue', shutdownGraceSeconds: 0 });
  const project = makeRepo(helperTempDir(), { 'README.md': 'hello\n' });
  return { home, project };
}

/** Created as the window does: its own client, straight to the daemon main names. */
async function createTask(s: Awaited<ReturnType<typeof startShell>>, projectDir: string, prompt: string): Promise<string> {
  const { api } = await windowClient(s);
  return (await api['tasks.create']({ projectDir, prompt, agent: 'claude' })).id;
}

const show = (s: Awaited<ReturnType<typeof startShell>>, id: string) => s.shell.link!.call('tasks.get', { id }) as unknown as Promise<Shown>;

async function runningAgent(s: Awaited<ReturnType<typeof startShell>>, id: string): Promise<number> {
  let pid = 0;
  await until(async () => {
    const t = await show(s, id);
    pid = t.task.state === 'running' ? (t.runs.at(-1)?.pid ?? 0) : 0;
    return pid > 0;
  }, 'the task to run');
  return pid;
}

describe('the shell and its daemon (real processes)', () => {
  it('starts a daemon when none runs; a plain Quit leaves it and its agent running; the next shell attaches; Quit and stop agents stops both', async () => {
    const { home, project } = await agentHome();
    const first = await startShell({ home, daemon: 'process' });
    const daemon = first.shell.link!.info()!;
    expect(first.nodes!.launches()).toBe(1);
    expect(first.shell.link!.startedHere()).toBe(true);
    expect(daemon.pid).not.toBe(process.pid);
    const id = await createTask(first, project, 'hang');
    const agent = await runningAgent(first, id);

    clickTray('Quit Switchboard');
    await first.shell.closed;
    await until(() => first.calls.exited, 'the app to exit');
    // The app is gone; the daemon and its agent are not.
    expect(isAlive(daemon.pid)).toBe(true);
    expect(isAlive(agent)).toBe(true);

    const second = await startShell({ home, daemon: 'process' });
    expect(second.nodes!.launches()).toBe(0);
    expect(second.shell.link!.startedHere()).toBe(false);
    expect(second.shell.link!.info()!.pid).toBe(daemon.pid);
    expect((await show(second, id)).task.state).toBe('running');

    clickTray('Quit and stop agents');
    await second.shell.closed;
    await until(() => !isAlive(daemon.pid) && !isAlive(agent), 'the daemon and its agent to end');
    await until(() => second.calls.exited, 'the app to exit');
    expect(existsSync(join(home, 'server.json'))).toBe(false);
  });

  it('restarts a daemon that stopped answering, and the new one resumes the task', async () => {
    const { home, project } = await agentHome();
    const s = await startShell({ home, daemon: 'process', healthIntervalMs: 200 });
    const old = s.shell.link!.info()!;
    const marker = join(helperTempDir(), 'first-run');
    const id = await createTask(s, project, `once ${marker} hang\nwrite result.txt done`);
    const agent = await runningAgent(s, id);

    process.kill(old.pid, 'SIGSTOP'); // alive, but answers nothing
    await until(() => (s.shell.link!.info()?.pid ?? old.pid) !== old.pid, 'a new daemon', 120_000);
    expect(isAlive(old.pid)).toBe(false);
    expect(s.nodes!.launches()).toBe(2); // the first start, and the restart
    expect(s.logs.join('\n')).toMatch(/stopped answering/);
    expect(FakeNotification.instances.map((n) => n.options.body)).toContainEqual(expect.stringMatching(/restarted/));
    expect(s.win!.webContents.reloads).toBeGreaterThan(0);
    // The reloaded window asks again and is told the new daemon, whose token works.
    const now = s.shell.link!.info()!;
    expect(await askDaemon(s)).toEqual({ ok: true, value: { origin: new URL(now.url).origin, token: now.token } });
    expect((await (await windowClient(s)).api['tasks.get']({ id })).task.id).toBe(id);
    // The new daemon recovered the task as after a crash: the old agent is ended, the task runs again and finishes.
    await until(async () => (await show(s, id)).task.state === 'awaiting_review', 'the task to finish after the restart', 120_000);
    expect(isAlive(agent)).toBe(false);
    expect((await show(s, id)).runs.length).toBeGreaterThanOrEqual(2);
  });
});

describe('an older daemon', () => {
  it('is offered a restart at once when idle, and restarted when the user agrees', async () => {
    const s = await startShell({ daemonRunning: true, version: '9.0.0', messageBoxResponse: 0 });
    await until(() => s.daemons.started.length === 2, 'the restart');
    expect(s.calls.messageBoxes).toHaveLength(1);
    expect(s.calls.messageBoxes[0].message).toMatch(/version 0\.1\.0; this app is 9\.0\.0/);
    await until(() => s.win!.webContents.reloads > 0, 'the window to reload');
    // The reloaded window asks main again and reaches the new daemon.
    const answer = await askDaemon(s);
    expect(answer.ok && answer.value.origin).toBe(new URL(s.daemons.current()!.info.url).origin);
    expect(await (await windowClient(s)).api['tasks.list']({})).toMatchObject({ tasks: [] });
  });

  it('is not offered a restart while a task is active, only once it settles, and only once', async () => {
    let taskId = '';
    const s = await startShell({
      daemonRunning: true,
      version: '9.0.0',
      messageBoxResponse: 1,
      beforeShell: async (core, projectDir) => {
        taskId = (await core!.call('tasks.create', { projectDir, prompt: 'wait' })).id;
      },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(s.calls.messageBoxes).toHaveLength(0); // the queued task is active
    await s.core!.call('tasks.cancel', { id: taskId });
    await until(() => s.calls.messageBoxes.length === 1, 'the offer');
    await s.core!.call('tasks.create', { projectDir: s.project, prompt: 'another' });
    await new Promise((r) => setTimeout(r, 300));
    expect(s.calls.messageBoxes).toHaveLength(1);
    expect(s.daemons.started).toHaveLength(1); // declined: nothing restarted
  });
});
