import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { doneCommand } from '../../electron/cli/commands/done.js';
import type { Core } from '../../electron/core/create-core.js';
import type { Api } from '../../shared/contract.js';
import { waitFor } from '../fixtures/fake-claude-kit.js';
import { setupScheduler } from '../core/scheduler/setup.js';

const FAKE_TUI = join(import.meta.dirname, '../fixtures/fake-tui.mjs');
const inProcessApi = (core: Core): Api =>
  new Proxy({}, { get: (_t, name: string) => (name === 'then' ? undefined : (input: unknown) => core.call(name, input)) }) as Api;

describe('switchboard done', () => {
  it('ends an interactive agent and prints the task awaiting review; a second done is refused with the reason', async () => {
    const s = setupScheduler({ config: { agents: { tui: { transport: 'pty', command: process.execPath, args: [FAKE_TUI], versionArgs: [], interactive: true, quitInput: '/exit\r' } } } });
    const t = await s.submit('write done.txt finished by done', { agent: 'tui' });
    await s.waitState(t.id, 'running');
    const runId = s.core.store.runs.latest(t.id)!.id;
    await waitFor(() => s.core.store.output.readAfter(runId).some((c) => String(c.data).includes('wrote done.txt')), 10_000, 'the write');
    const out: string[] = [];
    const run = (argv: string[]) => doneCommand.run({ argv, io: { out: (x) => out.push(x), err: () => {}, isTTY: false }, env: {}, home: s.home, connect: async () => inProcessApi(s.core) });
    expect(await run([t.id])).toBe(0);
    expect(out).toEqual([`${t.id} is awaiting_review`]);
    await expect(run([t.id])).rejects.toThrow(`task ${t.id} is awaiting_review; Done ends an interactive agent while it is running`);
  });
});
