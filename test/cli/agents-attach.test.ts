import { describe, expect, it } from 'vitest';
import { agentsCommand } from '../../electron/cli/commands/agents.js';
import { commands } from '../../electron/cli/commands/index.js';
import { attachSession, DETACH_KEY, type AttachIO } from '../../electron/cli/attach-session.js';
import { connectEvents } from '../../electron/cli/event-stream.js';
import { createClient } from '../../electron/cli/client.js';
import { createHost } from '../../electron/host/create-host.js';
import type { Core } from '../../electron/core/create-core.js';
import type { Api } from '../../shared/contract.js';
import { waitFor } from '../fixtures/fake-claude-kit.js';
import { setupScheduler } from '../core/scheduler/setup.js';
import { tempDir } from '../helpers/temp.js';

const inProcessApi = (core: Core): Api =>
  new Proxy({}, { get: (_t, name: string) => (name === 'then' ? undefined : (input: unknown) => core.call(name, input)) }) as Api;

/** A terminal for attachSession: collects output, lets the test type and resize. */
function fakeTerminal() {
  let output = '';
  let input: ((d: string) => void) | null = null;
  const io: AttachIO = {
    write: (d) => void (output += d),
    onInput: (l) => ((input = l), () => (input = null)),
    size: () => ({ cols: 77, rows: 21 }),
    onResize: () => () => {},
  };
  return { io, output: () => output, type: (d: string) => input?.(d) };
}

describe('switchboard agents', () => {
  it('lists every agent with its version or the reason it cannot run', async () => {
    const s = setupScheduler({ start: false });
    const out: string[] = [];
    const run = (argv: string[]) => agentsCommand.run({ argv, io: { out: (t) => out.push(t), err: () => {}, isTTY: false }, env: {}, home: s.home, connect: async () => inProcessApi(s.core) });
    expect(await run([])).toBe(0);
    const lines = out[0].split('\n');
    expect(lines[0]).toMatch(/^AGENT\s+TRANSPORT\s+STATUS\s+COMMAND\s+VERSION \/ REASON$/);
    expect(lines.find((l) => l.startsWith('claude '))).toMatch(/claude\s+pty\s+ready\s+\S*fake-claude.mjs --print .*2\.0\.37 \(Claude Code\)$/);
    expect(lines.find((l) => l.startsWith('codex-acp '))).toMatch(/codex-acp\s+acp\s+missing\s+codex-acp\s+agent codex-acp is not installed/);
    expect(await run(['--json', '--refresh'])).toBe(0);
    const json = JSON.parse(out[1]);
    expect(json.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['claude', 'codex', 'gemini', 'opencode', 'goose', 'claude-acp', 'codex-acp', 'cursor']));
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['agents', 'attach']));
  });
});

describe('switchboard attach', () => {
  async function hosted() {
    const s = setupScheduler();
    const host = await createHost({ core: s.core, port: 0, staticDir: tempDir(), log: () => {} });
    return { s, host, api: createClient({ url: host.url, token: host.token }) };
  }

  it('joins a running agent late over the host: stored output, then live, no gap or duplicate; typing reaches the agent', async () => {
    const { s, host, api } = await hosted();
    try {
      const t = await s.submit('say before attach\nread-line\nsize\nsay after input');
      await waitFor(() => s.core.store.events.list(s.core.store.runs.latest(t.id)?.id ?? -1, t.id).some((e) => e.kind === 'text'), 8000, 'the first line');
      const term = fakeTerminal();
      const session = attachSession({ api, events: connectEvents({ url: host.url, token: host.token }), taskId: t.id, io: term.io });
      await waitFor(() => term.output().includes('before attach'), 5000, 'the replay');
      term.type('hello from attach\r');
      const result = await session;
      expect(result).toEqual({ reason: 'ended', state: 'no_changes' });
      const shown = term.output();
      const stored = (await api['runs.output']({ taskId: t.id })).chunks.map((c) => c.data).join('');
      expect(shown).toBe(stored); // everything once, in order
      expect(shown).toContain('got: hello from attach');
      expect(shown).toContain('size 77x21'); // the viewer's size became the agent's
      expect(shown.match(/"subtype":"init"/g)).toHaveLength(1);
    } finally {
      await host.close();
    }
  });

  it('detaches on Ctrl-] and leaves the agent running', async () => {
    const { s, host, api } = await hosted();
    try {
      const t = await s.submit('hang');
      await s.waitState(t.id, 'running');
      const term = fakeTerminal();
      const session = attachSession({ api, events: connectEvents({ url: host.url, token: host.token }), taskId: t.id, io: term.io });
      await waitFor(() => term.output().includes('Working on it'), 5000, 'the replay');
      term.type(`x${DETACH_KEY}`);
      expect(await session).toEqual({ reason: 'detached', state: 'running' });
      expect(s.task(t.id).state).toBe('running');
      await s.core.call('tasks.cancel', { id: t.id });
    } finally {
      await host.close();
    }
  });
});
