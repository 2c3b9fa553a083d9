import { describe, expect, it } from 'vitest';
import { cancelWarning, LONG_RUN_MS } from '../../../renderer/features/task-detail/task-actions.js';

const now = Date.parse('2026-12-05T12:00:00Z');
const startedAgo = (ms: number) => new Date(now - ms).toISOString();

describe('cancelWarning (issue 18, bug 9)', () => {
  it('asks before discarding a change that waits for review', () => {
    expect(cancelWarning({ state: 'awaiting_review', startedAt: startedAgo(1000) }, now)).toMatch(/discards/);
  });
  it('asks before stopping a long run, not a short one or a queued task', () => {
    expect(cancelWarning({ state: 'running', startedAt: startedAgo(LONG_RUN_MS + 1) }, now)).toMatch(/working for a while/);
    expect(cancelWarning({ state: 'awaiting_input', startedAt: startedAgo(LONG_RUN_MS * 3) }, now)).not.toBeNull();
    expect(cancelWarning({ state: 'running', startedAt: startedAgo(10_000) }, now)).toBeNull();
    expect(cancelWarning({ state: 'queued', startedAt: null }, now)).toBeNull();
  });
});
