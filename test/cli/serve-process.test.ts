/**
 * The built CLI as a user runs it: `serve` in its own process, the API over HTTP, `tasks` in another
 * process, then kill -9 and a restart on the same home. Needs `npm run build` (npm test builds first).
 */
import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../fixtures/fake-claude-kit.js';
import { tempDir } from '../helpers/temp.js';
import { FAKE_CLAUDE, newHome } from '../host/home.js';
import { cli, exited, killServes, requireBuiltCli, serve } from './built-cli.js';

beforeAll(requireBuiltCli);
afterEach(killServes);

function cliRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function post(url: string, method: string, body: unknown, token?: string) {
  const res = await fetch(new URL(`api/${method}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

type ListedTask = { id: string; state: string; projectDir: string; agent: string; prompt: string; createdAt: string; errorType: string | null };
const listTasks = async (home: string): Promise<ListedTask[]> => {
  const r = await cliRun(['tasks', '--json', '--home', home]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('switchboard serve (built, in its own process)', () => {
  // About twenty CLI and host processes in a row: a loaded 2-core machine needs more than the 30 s default.
  it('serves the API, survives kill -9, and brings a running task back as interrupted', { timeout: 180_000 }, async () => {
    // One agent at a time, and interrupted tasks are left for the user (the default requeues them).
    const home = newHome({ agents: { claude: { command: FAKE_CLAUDE } }, maxConcurrent: 1, onInterrupted: 'leave', shutdownGraceSeconds: 0 });
    const project = tempDir();
    const first = await serve(home);
    expect(statSync(join(home, 'server.json')).mode & 0o777).toBe(0o600);
    expect((await post(first.url, 'tasks.list', {})).status).toBe(401);

    const a = await post(first.url, 'tasks.create', { projectDir: project, prompt: 'hang' }, first.token);
    const b = await post(first.url, 'tasks.create', { projectDir: project, prompt: 'hang', agent: 'claude' }, first.token);
    expect(a.status).toBe(200);
    const [idA, idB] = [a.body.id as string, b.body.id as string];

    const running = async (): Promise<ListedTask[]> => {
      for (let i = 0; i < 100; i++) {
        const listed = await listTasks(home);
        if (listed.find((t) => t.id === idA)?.state === 'running') return listed;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`task ${idA} never reached running`);
    };
    const listed = await running();
    expect(listed.map((t) => t.id)).toEqual([idB, idA]);
    expect(listed[0]).toMatchObject({ state: 'queued', projectDir: project, agent: 'claude', prompt: 'hang' });
    expect(listed[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const shown = JSON.parse((await cliRun(['show', idA, '--json', '--home', home])).stdout) as { runs: { pid: number }[] };
    const agentPid = shown.runs[0].pid;
    expect(isAlive(agentPid)).toBe(true);

    first.child.kill('SIGKILL');
    expect(await exited(first.child)).toMatchObject({ signal: 'SIGKILL' });
    // server.json is left behind with a dead pid: the CLI reads the store directly.
    expect(existsSync(join(home, 'server.json'))).toBe(true);
    expect((await listTasks(home)).find((t) => t.id === idA)?.state).toBe('running');
    const cancel = await cliRun(['cancel', idB, '--home', home]);
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toContain(`Switchboard is not running for ${home}`);

    const second = await serve(home);
    expect(second.token).toBe(first.token); // kept in <home>/token, so open pages and tools reconnect
    const after = await listTasks(home);
    expect(after.find((t) => t.id === idA)).toMatchObject({ state: 'interrupted', errorType: 'interrupted' });
    expect(after.find((t) => t.id === idB)?.state).toMatch(/^(queued|preparing|running)$/);
    // The dead instance's agent did not outlive it.
    expect(isAlive(agentPid)).toBe(false);
    expect((await post(second.url, 'tasks.list', {}, first.token)).status).toBe(200); // the token outlives a restart (<home>/token)

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toMatchObject({ code: 0 });
    expect(existsSync(join(home, 'server.json'))).toBe(false);
  });

  // The system Node of our build machines is 20, where better-sqlite3 13 segfaults on open.
  const oldNode = '/usr/bin/node';
  const oldNodeVersion = existsSync(oldNode) ? spawnSync(oldNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
  it.skipIf(!oldNodeVersion || Number(oldNodeVersion.split('.')[0]) >= 22)('under an old Node, refuses in words instead of crashing', async () => {
    const home = tempDir();
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) =>
      execFile(oldNode, [cli, 'tasks', '--home', home], (error, _stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? null) : 0, stderr })),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`this is Node v${oldNodeVersion}`);
  });

  it('exits 2 on a usage error', async () => {
    const bad = await cliRun(['tasks', '--limit', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit must be a whole number');
  });
});

// Issue 12: the guard was server.json plus an HTTP probe, so two starts at the same moment both came
// up (and a start whose probe timed out ran recovery, killing the other instance's agents).
describe('one writer per home', () => {
  it('of two starts at the same moment, exactly one serves; the other exits naming it and touches nothing', async () => {
    const home = newHome();
    const results = await Promise.allSettled([serve(home), serve(home), serve(home)]);
    const winners = results.filter((r) => r.status === 'fulfilled');
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(2);
    for (const l of losers) expect(String(l.reason)).toMatch(/serve exited with 1.*Switchboard is already running for/s);
    const { child, url } = (winners[0] as PromiseFulfilledResult<{ child: ChildProcess; url: string }>).value;
    expect(child.exitCode).toBeNull();
    // The winner still serves, and server.json names it.
    const tasks = await cliRun(['tasks', '--home', home, '--json']);
    expect(tasks.code).toBe(0);
    const again = await serve(home).catch((e: unknown) => String(e));
    expect(again).toContain(`(pid ${child.pid}, ${url})`);
  });
});
