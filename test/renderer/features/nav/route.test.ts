import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../../renderer/features/nav/route.js';

describe('routes in the URL fragment', () => {
  it('round-trips every screen, with and without a task', () => {
    for (const screen of ['tasks', 'review', 'agents', 'settings'] as const) {
      for (const taskId of [null, 'dispatch-2026.01_a-b']) expect(parseRoute(formatRoute({ screen, taskId }))).toEqual({ screen, taskId });
    }
  });

  it('falls back to the board for anything unknown, including a leftover token fragment', () => {
    expect(parseRoute('')).toEqual({ screen: 'tasks', taskId: null });
    expect(parseRoute('#token=abc')).toEqual({ screen: 'tasks', taskId: null });
    expect(parseRoute('#/nope/x')).toEqual({ screen: 'tasks', taskId: null });
    expect(parseRoute('#review')).toEqual({ screen: 'review', taskId: null });
  });
});
