import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseGlobal } from '../../electron/cli/index.js';
import { runtimeProblem } from '../../electron/cli/doctor-checks.js';
import { createCore } from '../../electron/core/create-core.js';
import { startHeadless } from '../../electron/host/serve.js';
import { tempDir } from '../helpers/temp.js';
import { FAKE_CLAUDE, newHome } from '../host/home.js';
import { driveTo } from '../helpers/drive-task.js';

/** Runs main() in-process and collects what it prints. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false }, { PATH: process.env.PATH, ...env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('global arguments', () => {
  it('takes --home and --json anywhere before --, and hands --json to the command', () => {
    expect(parseGlobal(['--json', 'tasks', '--limit', '3'])).toMatchObject({ json: true, command: 'tasks', rest: ['--json', '--limit', '3'] });
    expect(parseGlobal(['tasks', '--home', '/h', '--json'])).toMatchObject({ home: '/h', command: 'tasks', rest: ['--json'] });
    expect(parseGlobal(['--home=/h', 'show', 'x', '--', '--home'])).toMatchObject({ home: '/h', rest: ['x', '--', '--home'] });
  });

  it('prints help and the version with exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['serve', 'tasks', 'show', 'cancel', 'doctor']) expect(help.out).toContain(`  ${name}`);
    const one = await run(['tasks', '--help']);
    expect(one).toMatchObject({ code: 0 });
    expect(one.out).toContain('Usage: switchboard tasks');
    expect((await run(['help', 'show'])).out).toContain('Usage: switchboard show ID');
    expect((await run(['--version'])).out).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [[], 'Usage: switchboard'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['--frob'], 'unknown option --frob'],
    [['tasks', '--bogus'], "Unknown option '--bogus'"],
    [['tasks', '--limit', '0'], '--limit must be a whole number from 1 to 500, not "0"'],
    [['tasks', '--limit', 'ten'], '--limit must be a whole number'],
    [['tasks', '--state', 'sleeping'], 'unknown state "sleeping"'],
    [['tasks', 'extra'], 'unexpected argument "extra"'],
    [['show'], 'missing argument'],
    [['serve', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['tasks', '--home'], '--home needs a directory'],
  ])('%j', async (args, message) => {
    const home = tempDir();
    const r = await run(args.at(-1) === '--home' ? args : [...args, '--home', home]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('refuses a task id that is not one, naming the rule', async () => {
    const r = await run(['show', 'not-a-task', '--home', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('a task id looks like dispatch-');
  });
});

describe('tasks and show without a running instance', () => {
  it('prints [] for a new home, without creating a database there', async () => {
    const home = join(tempDir(), 'new-home');
    const r = await run(['tasks', '--json', '--home', home]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toEqual([]);
    expect(existsSync(join(home, 'switchboard.db'))).toBe(false);
    expect((await run(['tasks', '--home', home])).out).toContain('No tasks in');
  });

  it('reads the store directly, filters by state, and shows one task', async () => {
    const home = newHome();
    const project = tempDir();
    const core = createCore({ home });
    const a = core.submit({ projectDir: project, prompt: 'first task', agent: 'codex', source: 'cli' });
    const b = core.submit({ projectDir: project, prompt: 'second task\nwith two lines', source: 'cli' });
    driveTo(core.transition, a.id, 'queued', 'cancelled');
    await core.dispose();

    const all = await run(['--json', 'tasks'], { SWITCHBOARD_HOME: home });
    expect(all.code).toBe(0);
    const tasks = JSON.parse(all.out) as Record<string, unknown>[];
    expect(tasks.map((t) => t.id)).toEqual([b.id, a.id]);
    for (const key of ['id', 'state', 'projectDir', 'agent', 'prompt', 'createdAt']) expect(tasks[0]).toHaveProperty(key);

    const queued = JSON.parse((await run(['tasks', '--json', '--state', 'queued,running', '--home', home])).out);
    expect(queued.map((t: { id: string }) => t.id)).toEqual([b.id]);
    expect(JSON.parse((await run(['tasks', '--json', '--limit', '1', '--home', home])).out)).toHaveLength(1);

    const table = await run(['tasks', '--home', home]);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+STATE\s+AGENT\s+AGE\s+PROJECT\s+PROMPT$/);
    expect(table.out).toContain(`${a.id}  cancelled`);

    const shown = await run(['show', b.id, '--json', '--home', home]);
    expect(JSON.parse(shown.out)).toMatchObject({ task: { id: b.id, state: 'queued', prompt: 'second task\nwith two lines' }, runs: [] });
    const text = await run(['show', b.id, '--home', home]);
    expect(text.out).toMatch(/state\s+queued/);
    expect(text.out).toContain('  with two lines');

    const missing = await run(['show', 'dispatch-nope', '--home', home]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('task dispatch-nope was not found');
  });

  it('says clearly that nothing is running when a command needs the instance', async () => {
    const home = tempDir();
    const r = await run(['cancel', 'dispatch-x', '--home', home]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`switchboard: Switchboard is not running for ${home}: start it with \`switchboard serve\` (or \`npm start\`)`);
  });
});

describe('with a running instance', () => {
  it('lists through it and cancels through it; server errors keep their message', async () => {
    const home = newHome({ agents: { claude: { command: FAKE_CLAUDE } } });
    const project = tempDir();
    const server = await startHeadless({ home, port: 0, handleSignals: false, log: () => {} });
    try {
      const task = server.core.submit({ projectDir: project, prompt: 'hang', source: 'cli' });
      const listed = await run(['tasks', '--json', '--home', home]);
      expect(JSON.parse(listed.out)).toMatchObject([{ id: task.id, state: expect.stringMatching(/^(queued|preparing|running)$/) }]);

      const cancelled = await run(['cancel', task.id, '--home', home]);
      expect(cancelled).toMatchObject({ code: 0, out: `${task.id} is cancelled` });
      expect(server.core.store.tasks.get(task.id)?.state).toBe('cancelled');

      const again = await run(['cancel', task.id, '--home', home]);
      expect(again.code).toBe(1);
      expect(again.err).toContain(`task ${task.id} already ended as cancelled`);
    } finally {
      await server.stop();
    }
  });
});

describe('doctor', () => {
  it('knows which Node versions can run Switchboard', () => {
    expect(runtimeProblem('20.20.2')).toContain('Switchboard needs Node 22.12 or newer, and this is Node v20.20.2');
    expect(runtimeProblem('22.11.0')).not.toBeNull();
    expect(runtimeProblem('22.12.0')).toBeNull();
    expect(runtimeProblem('24.1.0')).toBeNull();
  });

  it('checks git, the native modules, the agents on PATH and the home', async () => {
    const home = tempDir();
    const bin = tempDir();
    writeFileSync(join(bin, 'claude'), '#!/bin/sh\necho fake\n');
    chmodSync(join(bin, 'claude'), 0o755);
    writeFileSync(join(bin, 'codex'), 'not executable');
    const r = await run(['doctor', '--home', home], { PATH: `${bin}:${process.env.PATH}` });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ git\s+git version \d/);
    expect(r.out).toMatch(/✓ better-sqlite3\s+loads, SQLite 3\./);
    expect(r.out).toMatch(/✓ node-pty\s+loads, opened a terminal/);
    expect(r.out).toMatch(new RegExp(`✓ agent claude\\s+${join(bin, 'claude')}`));
    expect(r.out).toMatch(/✗ agent codex\s+agent codex is not installed: `codex` was not found on PATH/);
    expect(r.out).toMatch(/✓ home\s+.* is writable/);
  });

  it('checks the agents config.json defines: a moved built-in and a custom agent are found', async () => {
    const home = tempDir();
    const bin = tempDir();
    for (const name of ['my-claude', 'my-agent']) {
      writeFileSync(join(bin, name), '#!/bin/sh\necho 1.2.3\n');
      chmodSync(join(bin, name), 0o755);
    }
    writeFileSync(
      join(home, 'config.json'),
      JSON.stringify({ agents: { claude: { command: join(bin, 'my-claude') }, mine: { transport: 'pty', command: 'my-agent', args: ['{prompt}'] } } }),
    );
    const r = await run(['doctor', '--json', '--home', home], { PATH: `${bin}:/usr/bin:/bin` });
    const checks = (JSON.parse(r.out) as { checks: { name: string; ok: boolean; detail: string }[] }).checks;
    expect(checks.find((c) => c.name === 'agent claude')).toMatchObject({ ok: true, detail: expect.stringContaining(join(bin, 'my-claude')) });
    expect(checks.find((c) => c.name === 'agent mine')).toMatchObject({ ok: true, detail: expect.stringContaining('1.2.3') });
    expect(checks.find((c) => c.name === 'agent codex')).toMatchObject({ ok: false, detail: expect.stringContaining('not installed') });
  });

  it('exits 1 when the home cannot be created or config.json is invalid, and says why', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const r = await run(['doctor', '--json', '--home', join(file, 'home')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'home')).toMatchObject({ ok: false, detail: expect.stringContaining('is not a directory') });

    const home = tempDir();
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'config.json'), '{"maxConcurrent": "lots"}');
    const bad = await run(['doctor', '--home', home]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/✗ config\s+.*maxConcurrent/);
  });
});
