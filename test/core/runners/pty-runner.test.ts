import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { appRoot } from '../../../electron/core/version.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPtyRunner } from '../../../electron/core/runners/pty-runner.js';
import { cleanEnv } from '../../../electron/core/runners/clean-env.js';
import { runMarker, TEST_HOME_KEY } from '../../helpers/run-marker.js';
import type { ResolvedAgent, RunRequest } from '../../../electron/core/runners/runner.js';
import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import { fakeClaudeAgent, isAlive, livePids, recordingSink, waitFor, type RecordingSink } from '../../fixtures/fake-claude-kit.js';
import { tempDir } from '../../helpers/temp.js';

const runner = createPtyRunner();
// A run's end kills every process that carries its dispatch id, machine-wide: an id of its own per test
// process, so a second test run alongside (or the app) never has its agents killed by this one's.
const DISPATCH = `dispatch-test-${process.pid}`;

function request(cwd: string, prompt: string, sink: RecordingSink, agent: ResolvedAgent = fakeClaudeAgent(), extra: Partial<RunRequest> = {}): RunRequest {
  return {
    task: { id: DISPATCH } as Task,
    run: { id: 1 } as Run,
    agent,
    cwd,
    prompt,
    env: cleanEnv({ agent, dispatchId: DISPATCH, marker: runMarker(TEST_HOME_KEY, DISPATCH), parent: process.env }),
    sink,
    ...extra,
  };
}

describe('PTY runner', () => {
  it('runs the agent in its cwd, streams its terminal and parses stream-json into events', async () => {
    const dir = tempDir();
    const sink = recordingSink();
    const handle = await runner.start(request(dir, 'say hello\nwrite notes/a.txt first line\\nsecond\nbash ls -la', sink));
    expect(sink.pids).toEqual([handle.pid]);
    const outcome = await handle.done;
    expect(outcome).toMatchObject({ exitCode: 0, signal: null, errorType: null, flags: [] });
    expect(readFileSync(join(dir, 'notes/a.txt'), 'utf8')).toBe('first line\nsecond');
    expect(sink.text()).toContain('"type":"system","subtype":"init"');
    const kinds = sink.events.map((e) => e.kind);
    expect(kinds).toEqual(['session', 'text', 'tool_use', 'tool_result', 'tool_use', 'tool_result', 'result']);
    const session = sink.events[0].data as { sessionId: string; cwd: string };
    expect(session.cwd).toBe(dir);
    expect(sink.sessionIds).toEqual([session.sessionId]);
    expect(sink.events[1].data).toEqual({ text: 'hello' });
    expect(sink.events[2].data).toMatchObject({ name: 'Write', input: { file_path: join(dir, 'notes/a.txt') } });
    expect(sink.events.at(-1)!.data).toMatchObject({ subtype: 'success', isError: false, sessionId: session.sessionId, numTurns: 3 });
    expect((sink.events.at(-1)!.data as { costUsd: number }).costUsd).toBeGreaterThan(0);
    expect((sink.events.at(-1)!.data as { usage: { inputTokens: number } }).usage.inputTokens).toBe(360);
  });

  it('never loses the end of the output when the agent exits right after a burst', async () => {
    for (let i = 0; i < 5; i++) {
      const sink = recordingSink();
      const outcome = await (await runner.start(request(tempDir(), 'flood 2\nsay the end', sink))).done;
      expect(outcome.errorType).toBeNull();
      expect(sink.text().length).toBeGreaterThan(2 * 1024 * 1024);
      expect(sink.text()).toMatch(/"type":"result".*"result":"the end".*\}\r\n$/);
    }
  });

  it('loses nothing when Switchboard is not reading at the moment the agent exits', async () => {
    // A session leader's exit hangs the terminal up, and the hangup flushes what was not read yet:
    // the agent must not lead the session (pty-keeper.ts). The reader stalls, synchronously, from the
    // first chunk until the agent has written everything (9 KB: it fits in the terminal's buffers) and
    // exited, however slow the machine is.
    const dir = tempDir();
    const pidDir = join(dir, 'pids');
    const sink = recordingSink();
    let stalled = false;
    const output = sink.output.bind(sink);
    sink.output = (data: string) => {
      if (!stalled) {
        stalled = true;
        const until = Date.now() + 20_000;
        let agentPid = 0;
        while (Date.now() < until) {
          agentPid ||= livePids(pidDir)[0] ?? 0;
          if (agentPid && !isAlive(agentPid)) break;
        }
      }
      output(data);
    };
    const agent = fakeClaudeAgent({ env: { FAKE_CLAUDE_PIDDIR: pidDir } });
    const outcome = await (await runner.start(request(dir, 'say one\nflood 0.0085\nsay the end', sink, agent))).done;
    expect(stalled).toBe(true);
    expect(outcome.errorType).toBeNull();
    expect(sink.text().length).toBeGreaterThan(9_000);
    expect(sink.text()).toMatch(/"type":"result".*"result":"the end".*\}\r\n$/);
    expect(sink.text()).not.toContain('\x1b]7717;'); // the keeper's end marker is not the agent's output
  });

  it('ends the agent when the process that runs it is killed (kill -9 of the host)', async () => {
    // The runner in a child Node process (the built code, as `serve` runs it), killed with SIGKILL: its
    // end of the terminal closes, and the agent must get the hangup (the session keeper must not eat it).
    const built = join(appRoot(), 'out/electron/core/runners/pty-runner.js');
    expect(existsSync(built), `${built} is missing: run \`npm run build\` first`).toBe(true);
    const dir = tempDir();
    const pidFile = join(dir, 'agent.pid');
    const code = `
      const { createPtyRunner } = await import(${JSON.stringify(pathToFileURL(built).href)});
      const agent = { name: 'sh', transport: 'pty', command: 'sh', args: ['-c', 'echo $$ > ${pidFile}; exec sleep 300', '{prompt}'], env: {} };
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, SWITCHBOARD_RUN_MARKER: 'test.dispatch-host-killed-${process.pid}' };
      const sink = { output() {}, event() {}, sessionId() {}, awaitingInput() {}, spawned() {} };
      await createPtyRunner().start({ task: { id: 'x' }, run: { id: 1 }, agent, cwd: ${JSON.stringify(dir)}, prompt: '', env, sink });
      setInterval(() => {}, 1000);`;
    const host = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'ignore' });
    const agentPid = await waitFor(() => (existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')) ? Number(readFileSync(pidFile, 'utf8')) : null), 20_000, 'the agent');
    expect(isAlive(agentPid)).toBe(true);
    host.kill('SIGKILL');
    await waitFor(() => !isAlive(agentPid), 20_000, 'the agent to end with its host').catch((err) => {
      process.kill(agentPid, 'SIGKILL');
      throw err;
    });
  });

  it('resumes a session with the resume args and keeps the session id', async () => {
    const sink = recordingSink();
    const handle = await runner.start(request(tempDir(), 'say again', sink, undefined, { resumeSessionId: 'sess-123' }));
    await handle.done;
    expect(sink.sessionIds).toEqual(['sess-123']);
    expect(sink.events.find((e) => e.kind === 'text')?.data).toEqual({ text: 'Resuming session sess-123.' });
  });

  it('flags edits that the permission mode denied instead of reporting a clean success', async () => {
    const dir = tempDir();
    const sink = recordingSink();
    const agent = fakeClaudeAgent({ args: ['--print', '--output-format', 'stream-json', '--verbose'] });
    const outcome = await (await runner.start(request(dir, 'write a.txt x\nwrite b.txt y', sink, agent))).done;
    expect(outcome.errorType).toBeNull();
    expect(outcome.flags).toEqual(['permission_denials: 2 tool uses were denied by the agent\'s permission mode']);
    expect((sink.events.at(-1)!.data as { permissionDenials: unknown[] }).permissionDenials).toHaveLength(2);
  });

  it.each([
    ['fail rate_limit', 'rate_limit'],
    ['fail overloaded', 'overloaded'],
    ['fail context_overflow', 'context_overflow'],
    ['fail auth', 'auth'],
    ['fail max_turns', 'agent_error'],
    ['fail execution', 'agent_error'],
    ['fail crash', 'crashed'],
    ['fail segfault', 'crashed'],
  ])('classifies "%s" as %s', async (script, type) => {
    const outcome = await (await runner.start(request(tempDir(), script, recordingSink()))).done;
    expect(outcome.errorType).toBe(type);
    expect(outcome.error).toBeTruthy();
    if (type === 'auth') expect(outcome.error).toMatch(/\/login/);
    if (script === 'fail segfault') expect(outcome.signal).toBe('SIGSEGV');
    else expect(outcome.exitCode).toBe(1);
  });

  it('stops the whole process group: SIGTERM, then SIGKILL after the grace for what ignores it', async () => {
    const dir = tempDir();
    const pidDir = join(dir, 'pids');
    const agent = fakeClaudeAgent({ env: { FAKE_CLAUDE_PIDDIR: pidDir } });
    const sink = recordingSink();
    const handle = await runner.start(request(dir, 'ignore-signals\nspawn-child\nhang', sink, agent));
    const [child] = await waitFor(() => (livePids(pidDir, 'children').length ? livePids(pidDir, 'children') : null), 5000, 'the child');
    await waitFor(() => sink.text().includes('Working on it'), 5000, 'the agent to hang');
    expect(isAlive(handle.pid)).toBe(true);
    const t = Date.now();
    await handle.stop('timeout', 300);
    expect(Date.now() - t).toBeGreaterThanOrEqual(250);
    const outcome = await handle.done;
    expect(outcome.signal).toBe('SIGKILL');
    await waitFor(() => !isAlive(handle.pid) && !isAlive(child), 2000, 'the group to die');
  });

  it.each(['exits', 'is cancelled'])('ends a setsid grandchild (its own session, outside the group) when the agent %s', async (how) => {
    const dir = tempDir();
    const pidFile = join(dir, 'grandchild.pid');
    const id = `dispatch-setsid-${process.pid}-${how.length}`;
    const script =
      `setsid sh -c 'echo $$ > "${pidFile}"; exec sleep 300' </dev/null >/dev/null 2>&1 &\n` +
      `while [ ! -s "${pidFile}" ]; do sleep 0.05; done; echo spawned; ${how === 'exits' ? 'read -r _; exit 0' : 'exec sleep 300'}`; // it exits when told: after the test saw the grandchild alive
    const agent: ResolvedAgent = { name: 'setsid', transport: 'pty', command: 'sh', args: ['-c', script, '{prompt}'], env: {} };
    const sink = recordingSink();
    const env = cleanEnv({ agent, dispatchId: id, marker: runMarker(TEST_HOME_KEY, id), parent: process.env });
    const handle = await runner.start({ ...request(dir, '', sink, agent), env, prompt: '' });
    await waitFor(() => sink.text().includes('spawned'), 10_000, 'the grandchild');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(grandchild)).toBe(true);
    if (how === 'exits') handle.write('\n');
    else await handle.stop('cancel', 300);
    await handle.done;
    await waitFor(() => !isAlive(grandchild), 5000, 'the grandchild to end with its run');
  });

  it('kills children left behind when the agent exits on its own', async () => {
    const dir = tempDir();
    const pidDir = join(dir, 'pids');
    const handle = await runner.start(request(dir, 'spawn-child\nsay done', recordingSink(), fakeClaudeAgent({ env: { FAKE_CLAUDE_PIDDIR: pidDir } })));
    expect((await handle.done).errorType).toBeNull();
    const children = (await import('node:fs')).readdirSync(pidDir).filter((n) => n.startsWith('child-'));
    expect(children).toHaveLength(1);
    await waitFor(() => !isAlive(Number(children[0].slice(6))), 2000, 'the child to die');
  });

  it('types into the terminal and resizes it', async () => {
    const sink = recordingSink();
    const handle = await runner.start(request(tempDir(), 'read-line\nsay bye', sink));
    await waitFor(() => sink.events.some((e) => e.kind === 'session'), 5000, 'init');
    handle.resize(100, 30);
    handle.write('hello agent\r');
    expect((await handle.done).errorType).toBeNull();
    expect(sink.events.filter((e) => e.kind === 'text').map((e) => e.data)).toEqual([{ text: 'got: hello agent' }, { text: 'bye' }]);
  });

  it('gives the agent a clean environment: the basics, its own env and the dispatch id, never Switchboard secrets', async () => {
    const parent = { PATH: process.env.PATH, HOME: '/home/u', LANG: 'C.UTF-8', SWITCHBOARD_TOKEN: 'tok', SWITCHBOARD_HOME: '/x', AWS_SECRET: 's3', ANTHROPIC_API_KEY: 'sk-1', SOME_SECRET: 'no' };
    const agent: ResolvedAgent = { name: 'envdump', transport: 'pty', command: 'sh', args: ['-c', 'env', '{prompt}'], env: { MY_VAR: '1', SWITCHBOARD_TOKEN: 'sneaky' }, passEnv: ['ANTHROPIC_*'] };
    const sink = recordingSink();
    const env = cleanEnv({ agent, dispatchId: 'dispatch-x', marker: runMarker(TEST_HOME_KEY, 'dispatch-x'), parent, secrets: ['sk-1'] });
    const outcome = await (await runner.start({ ...request(tempDir(), '', sink, agent), env, prompt: '' })).done;
    expect(outcome.errorType).toBeNull();
    const vars = Object.fromEntries(sink.text().split('\r\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(vars).toMatchObject({ HOME: '/home/u', LANG: 'C.UTF-8', MY_VAR: '1', TERM: 'xterm-256color', SWITCHBOARD_DISPATCH_ID: 'dispatch-x', GSTACK_DISPATCH_ID: 'dispatch-x', SWITCHBOARD_RUN_MARKER: runMarker(TEST_HOME_KEY, 'dispatch-x') });
    for (const hidden of ['SWITCHBOARD_TOKEN', 'SWITCHBOARD_HOME', 'AWS_SECRET', 'SOME_SECRET', 'ANTHROPIC_API_KEY']) expect(vars).not.toHaveProperty(hidden);
  });
});
