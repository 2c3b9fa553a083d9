import { describe, expect, it } from 'vitest';
import { FAKE_CLAUDE } from '../../fixtures/fake-claude-kit.js';
import { setupScheduler } from './setup.js';

describe('ACP fallback', () => {
  it('runs the ptyFallback agent with the PTY runner when the agent fails the ACP handshake, and flags the run', async () => {
    // claude-acp pointed at the fake claude CLI: it does not speak ACP, so the handshake fails.
    const s = setupScheduler({ config: { agents: { 'claude-acp': { command: FAKE_CLAUDE } } } });
    const t = await s.submit('write fallback.txt via pty', { agent: 'claude-acp' });
    const done = await s.waitState(t.id, 'awaiting_review', 20_000);
    const [run] = s.core.store.runs.forTask(t.id);
    expect(run.transport).toBe('pty');
    expect(run.flags).toEqual([expect.stringMatching(/^acp_fallback: /)]);
    expect(run.sessionId).toBeTruthy();
    expect(done.errorType).toBeNull();
  });

  it('fails with the reason when the fallback is not available either', async () => {
    const s = setupScheduler({ config: { agents: { 'claude-acp': { command: FAKE_CLAUDE, ptyFallback: 'ghost' }, ghost: { command: '/nonexistent/ghost' } } } });
    const t = await s.submit('say hi', { agent: 'claude-acp' });
    const failed = await s.waitState(t.id, 'failed', 20_000);
    expect(failed.errorType).toBe('agent_unavailable');
    expect(failed.error).toMatch(/could not start over ACP .* its fallback: agent ghost is not installed/);
  });
});
