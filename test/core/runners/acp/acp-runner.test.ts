import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../../electron/core/store/index.js';
import { groupAlive, kinds, rig } from './harness.js';

const text = (data: unknown): string => ((data as { content?: { text?: string } }).content?.text ?? '');

describe('ACP runner over stdio with the fake agent', () => {
  it('runs a session: edits land in the worktree and the transcript is stored and replays after a restart', async () => {
    const r = rig({ permissionPolicy: 'allow-all' }); // terminal/create is asked about like any tool;
    const script = [
      'say Hello',
      'think Pondering',
      'plan Read the code; Write the fix; Check',
      'write src/hello.txt Hello\\nworld',
      'mode code',
      'usage 120 1000',
      'unknown',
      'terminal echo from-terminal',
      'read src/hello.txt',
      'say done',
    ].join('\n');
    const handle = await r.runner.start(r.request(script));
    expect(r.sink.pids).toEqual([handle.pid]);
    const outcome = await handle.done;

    expect(outcome).toMatchObject({ errorType: null, error: null, exitCode: 0, flags: [] });
    expect(readFileSync(join(r.worktree, 'src/hello.txt'), 'utf8')).toBe('Hello\nworld');
    expect(r.sink.sessionIds).toEqual(['sess-1']);
    expect(groupAlive(handle.pid)).toBe(false);

    const k = kinds(r.sink.events);
    for (const kind of ['acp.initialize', 'acp.session', 'acp.agent_message_chunk', 'acp.agent_thought_chunk', 'acp.plan', 'acp.tool_call', 'acp.tool_call_update', 'acp.fs_write', 'acp.current_mode_update', 'acp.usage_update', 'acp.x_future_kind', 'acp.terminal', 'acp.stop']) {
      expect(k, kind).toContain(kind);
    }
    expect(k.indexOf('acp.session')).toBeLessThan(k.indexOf('acp.plan'));
    expect(k.at(-1)).toBe('acp.stop');
    const diff = r.sink.events.find((e) => e.kind === 'acp.tool_call_update' && JSON.stringify(e.data).includes('"diff"'))!;
    expect(diff.data).toMatchObject({ status: 'completed', content: [{ type: 'diff', path: join(r.worktree, 'src/hello.txt'), oldText: null, newText: 'Hello\nworld' }] });
    expect(r.sink.events.find((e) => e.kind === 'acp.x_future_kind')!.data).toEqual({ sessionUpdate: 'x_future_kind', payload: { answer: 42 } });
    const said = r.sink.events.filter((e) => e.kind === 'acp.agent_message_chunk').map((e) => text(e.data));
    expect(said).toContain('read src/hello.txt: Hello\nworld');
    expect(said.some((s) => s.startsWith('terminal exit 0: from-terminal'))).toBe(true);
    expect(r.sink.output.text()).toContain('$ sh -c');
    expect(r.sink.output.text()).toContain('from-terminal\r\n');
    expect(r.sink.events.map((e) => e.seq)).toEqual(r.sink.events.map((_, i) => i));

    // Replay after a restart: a fresh connection to the same database file gives the same transcript.
    const stored = r.sink.events.map(({ kind, data, seq }) => ({ kind, data, seq }));
    await r.core.dispose();
    const reopened = createStore(r.core.paths.db);
    expect(reopened.events.list(r.run.id, r.task.id).map(({ kind, data, seq }) => ({ kind, data, seq }))).toEqual(stored);
    reopened.dispose();
  });

  it('honours the agent definition: capabilities turned off are not advertised, and not served', async () => {
    const r = rig();
    const agent = { ...(await import('./harness.js')).fakeAgent([], { acp: { fs: false, terminal: false } }) };
    const handle = await r.runner.start(r.request('caps\nwrite direct.txt written without fs', agent));
    expect((await handle.done).errorType).toBeNull();
    const caps = JSON.parse(text(r.sink.events.find((e) => e.kind === 'acp.agent_message_chunk')!.data));
    expect(caps).toMatchObject({ fs: { readTextFile: false, writeTextFile: false }, terminal: false });
    expect(readFileSync(join(r.worktree, 'direct.txt'), 'utf8')).toBe('written without fs');
    expect(kinds(r.sink.events)).not.toContain('acp.fs_write');
  });

  it('honours outputByteLimit: the output is cut from the front at a character boundary', async () => {
    const r = rig({ permissionPolicy: 'allow-all' });
    const handle = await r.runner.start(r.request("terminal-limit 12 printf 'aaaaaaaaaa-héllo-wörld'"));
    expect((await handle.done).errorType).toBeNull();
    const said = r.sink.events.map((e) => text(e.data)).find((s) => s.startsWith('terminal exit'))!;
    expect(said).toMatch(/^terminal exit 0 \(truncated\): /);
    const out = said.replace(/^terminal exit 0 \(truncated\): /, '');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(12);
    expect('aaaaaaaaaa-héllo-wörld'.endsWith(out)).toBe(true);
    expect(out).not.toContain('\uFFFD');
    expect(r.sink.output.text()).toContain('aaaaaaaaaa-héllo-wörld'); // the live view shows everything
  });

  it('refuses file access outside the worktree (.., absolute, symlink), audits it, and reports a missing file as not found', async () => {
    const r = rig();
    const outside = join(r.home, 'outside');
    const { mkdirSync, symlinkSync } = await import('node:fs');
    mkdirSync(outside);
    symlinkSync(outside, join(r.worktree, 'escape'));
    const script = [
      'write ../outside/dotdot.txt evil',
      `write ${join(outside, 'abs.txt')} evil`,
      'write escape/link.txt evil',
      `read ${join(r.home, 'home-secret.txt')}`,
      'read missing.txt',
      'write .git/hooks/pre-commit evil',
      'write ok.txt fine',
    ].join('\n');
    const handle = await r.runner.start(r.request(script));
    expect((await handle.done).errorType).toBeNull();

    expect(existsSync(join(outside, 'dotdot.txt'))).toBe(false);
    expect(existsSync(join(outside, 'abs.txt'))).toBe(false);
    expect(existsSync(join(outside, 'link.txt'))).toBe(false);
    expect(existsSync(join(r.worktree, '.git'))).toBe(false);
    expect(readFileSync(join(r.worktree, 'ok.txt'), 'utf8')).toBe('fine');

    const said = r.sink.events.filter((e) => e.kind === 'acp.agent_message_chunk').map((e) => text(e.data));
    expect(said.filter((s) => s.startsWith('write failed: Invalid params: refused to write'))).toHaveLength(4);
    expect(said).toContain(`read failed (-32002): Resource not found: ${join(r.worktree, 'missing.txt')}`);
    expect(said.some((s) => s.startsWith('read failed (-32602): Invalid params: refused to read'))).toBe(true);
    const refusals = r.core.store.audit.forTask(r.task.id).filter((a) => a.kind === 'acp.fs_refused');
    // The agent reads each file before writing it (for the diff's oldText), so reads are refused too.
    expect(refusals.map((a) => `${a.data.op} ${a.data.path}`)).toEqual([
      `read ${join(outside, 'dotdot.txt')}`,
      `write ${join(outside, 'dotdot.txt')}`,
      `read ${join(outside, 'abs.txt')}`,
      `write ${join(outside, 'abs.txt')}`,
      `read ${join(r.worktree, 'escape/link.txt')}`,
      `write ${join(r.worktree, 'escape/link.txt')}`,
      `read ${join(r.home, 'home-secret.txt')}`,
      `write ${join(r.worktree, '.git/hooks/pre-commit')}`,
    ]);
    expect(refusals[5].data.reason).toMatch(/resolves to .*outside/);
    expect(kinds(r.sink.events).filter((k) => k === 'acp.fs_refused')).toHaveLength(8);
  });
});
