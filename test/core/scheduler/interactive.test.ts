/**
 * Interactive agents (issue 11): the agent's own TUI runs in the PTY, the person types to it, and
 * Done (tasks.done) ends it gracefully and captures its diff for review, however it exits.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, waitFor } from '../../fixtures/fake-claude-kit.js';
import { setupScheduler } from './setup.js';

const FAKE_TUI = join(import.meta.dirname, '../../fixtures/fake-tui.mjs');
const tui = (over: Record<string, unknown> = {}) => ({ transport: 'pty', command: process.execPath, args: [FAKE_TUI], versionArgs: [], interactive: true, quitInput: '/exit\r', ...over });

/** What the run's terminal has shown so far (batched output reaches the store within ~16 ms). */
const screen = (s: ReturnType<typeof setupScheduler>, runId: number): string => s.core.store.output.readAfter(runId).map((c) => String(c.data)).join('');

describe('interactive agents', () => {
  it('stays running while the person types, then Done quits the TUI and sends both edits to review', async () => {
    const s = setupScheduler({ config: { agents: { tui: tui() } } });
    const t = await s.submit('write start.txt from the prompt', { agent: 'tui' });
    await s.waitState(t.id, 'running');
    const run = s.core.store.runs.latest(t.id)!;
    expect(run.interactive).toBe(true);
    // Typed keystrokes reach the TUI, and the task keeps running after the prompt's work is done.
    await s.core.call('runs.write', { taskId: t.id, data: 'write typed.txt typed by a person\r' });
    await waitFor(() => screen(s, run.id).includes('wrote typed.txt'), 10_000, 'the TUI to run the typed line');
    expect(screen(s, run.id)).toContain('wrote start.txt');
    expect(s.task(t.id).state).toBe('running');
    const done = await s.core.call('tasks.done', { id: t.id });
    expect(done.state).toBe('awaiting_review');
    expect(isAlive(run.pid!)).toBe(false);
    const diff = await s.core.call('changes.get', { taskId: t.id });
    expect(JSON.stringify(diff)).toContain('typed.txt');
    expect(JSON.stringify(diff)).toContain('start.txt');
    const ended = s.core.store.runs.latest(t.id)!;
    expect(ended).toMatchObject({ exitCode: 0, errorType: null });
  });

  it('Done on a TUI that ignores its quit command stops it with SIGTERM and still captures the work', async () => {
    const s = setupScheduler({ config: { agents: { tui: tui({ quitInput: 'nothing happens\r' }) } } });
    const t = await s.submit('write kept.txt work before the stop', { agent: 'tui' });
    await s.waitState(t.id, 'running');
    await waitFor(() => screen(s, s.core.store.runs.latest(t.id)!.id).includes('wrote kept.txt'), 10_000, 'the first write');
    expect((await s.core.call('tasks.done', { id: t.id })).state).toBe('awaiting_review');
    // It exits 143 on SIGTERM; the PTY's session keeper reports a status of 128+N as signal N (pty-keeper.ts).
    expect(s.core.store.runs.latest(t.id)).toMatchObject({ signal: 'SIGTERM', exitCode: null, errorType: null });
  });

  it('refuses Done for an agent that is not interactive, and for a task that is not running', async () => {
    const s = setupScheduler();
    const t = await s.submit('say working\nhang');
    await s.waitState(t.id, 'running');
    await expect(s.core.call('tasks.done', { id: t.id })).rejects.toThrow(/does not run an interactive agent/);
    await s.core.call('tasks.cancel', { id: t.id });
    await expect(s.core.call('tasks.done', { id: t.id })).rejects.toThrow(/is cancelled; Done ends an interactive agent/);
  });
});
