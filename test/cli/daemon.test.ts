/**
 * The daemon as a user drives it, with real processes: `serve --detach` / `status` / `stop` around a
 * running fake agent that is interrupted by `stop`, leaves no process behind, and finishes after the
 * next start. (Two simultaneous starts: serve-process.test.ts.) Needs `npm run build`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../fixtures/fake-claude-kit.js';
import { makeRepo } from '../core/git/git-fixture.js';
import { tempDir } from '../helpers/temp.js';
import { FAKE_CLAUDE, newHome } from '../host/home.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'out/electron/cli/index.js');
const daemons: number[] = [];
const env = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' };

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is not built: run \`npm run build\` first`);
});

afterEach(() => {
  for (const pid of daemons.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

function cliRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 120_000, env }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}: ${JSON.stringify(await probe().catch(String))}`);
}

describe('the daemon from the CLI', () => {
  it('serve --detach, status and stop: a running task is interrupted with no orphan, then resumes and finishes', async () => {
    const home = newHome({ agents: { claude: { command: FAKE_CLAUDE } }, onInterrupted: 'requeue', shutdownGraceSeconds: 0 });
    const project = makeRepo(tempDir(), { 'README.md': 'hello\n' });
    const marker = join(tempDir(), 'first-run');
    const H = ['--home', home];

    expect((await cliRun(['status', '--json', ...H])).code).toBe(1);
    const started = await cliRun(['serve', '--detach', '--port', '0', '--json', ...H]);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    const first = JSON.parse(started.stdout) as { pid: number; url: string; already: boolean };
    daemons.push(first.pid);
    expect(first.already).toBe(false);
    expect(isAlive(first.pid)).toBe(true);
    expect(JSON.parse(readFileSync(join(home, 'server.json'), 'utf8')).pid).toBe(first.pid);

    // The first run hangs (and leaves a marker); the run after the restart writes a file and ends.
    const prompt = `once ${marker} hang\nwrite result.txt done`;
    const created = await cliRun(['dispatch', '--project', project, '--agent', 'claude', '--json', ...H, '--', prompt]);
    expect(created.stderr).toBe('');
    const id = (JSON.parse(created.stdout) as { dispatch_id: string }).dispatch_id;
    type Shown = { state: string; runs: { pid: number | null }[] };
    // Until the inbox has taken the dispatch, show answers not_found.
    const show = async (): Promise<Shown> => {
      const r = await cliRun(['show', id, '--json', ...H]);
      if (r.code !== 0) return { state: 'unknown', runs: [] };
      const shown = JSON.parse(r.stdout) as { task: { state: string }; runs: { pid: number | null }[] };
      return { state: shown.task.state, runs: shown.runs };
    };
    const running = await waitFor('the task to run', async () => {
      const t = await show();
      return t.state === 'running' && t.runs.at(-1)?.pid ? t : undefined;
    });
    const agentPid = running.runs.at(-1)!.pid!;
    expect(isAlive(agentPid)).toBe(true);

    const status = JSON.parse((await cliRun(['status', '--json', ...H])).stdout);
    expect(status).toMatchObject({ running: true, pid: first.pid, tasks: { running: 1 } });
    expect(status.uptimeSeconds).toBeGreaterThanOrEqual(0);

    const stopped = await cliRun(['stop', ...H]);
    expect(stopped.stdout).toContain(`Switchboard (pid ${first.pid}) stopped`);
    expect(isAlive(first.pid)).toBe(false);
    expect(isAlive(agentPid)).toBe(false); // no agent left behind
    expect(existsSync(join(home, 'server.json'))).toBe(false);
    expect((await show()).state).toBe('interrupted');
    expect((await cliRun(['status', ...H])).stdout).toContain('not running');

    const again = await cliRun(['serve', '--detach', '--port', '0', '--json', ...H]);
    const second = JSON.parse(again.stdout) as { pid: number };
    daemons.push(second.pid);
    const done = await waitFor('the resumed task to finish', async () => {
      const t = await show();
      return ['awaiting_review', 'failed', 'no_changes'].includes(t.state) ? t : undefined;
    });
    expect(done.state).toBe('awaiting_review');
    expect(done.runs.length).toBeGreaterThanOrEqual(2);
    expect((await cliRun(['diff', id, ...H])).stdout).toContain('result.txt');

    expect((await cliRun(['stop', ...H])).code).toBe(0);
    expect(isAlive(second.pid)).toBe(false);
    expect(readFileSync(join(home, 'logs', 'daemon.log'), 'utf8')).toContain('SIGTERM: stopping Switchboard');
  }, 240_000);
});
