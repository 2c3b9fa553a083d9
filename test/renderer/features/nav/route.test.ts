import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../../renderer/features/nav/route.js';

describe('routes in the URL fragment', () => {
  it('round-trips every screen, with and without a task', () => {
    for (const screen of ['tasks', 'review', 'agents', 'settings'] as const) {
      for (const taskId of [null, 'dispatch-2026.01_a-b']) expect(parseRoute(formatRoute({ screen, taskId }))).toEqual({ screen, taskId, query: '' });
    }
  });

  it('falls back to the board for anything unknown, including a leftover token fragment', () => {
    expect(parseRoute('')).toEqual({ screen: 'tasks', taskId: null, query: '' });
    expect(parseRoute('#token=abc')).toEqual({ screen: 'tasks', taskId: null, query: '' });
    expect(parseRoute('#/nope/x')).toEqual({ screen: 'tasks', taskId: null, query: '' });
    expect(parseRoute('#review')).toEqual({ screen: 'review', taskId: null, query: '' });
  });

  it('keeps the query after ? (the filters and view of the Tasks screen), with or without an open task', () => {
    for (const taskId of [null, 'dispatch-7']) {
      const route = { screen: 'tasks' as const, taskId, query: 'view=list&q=a%2Fb' };
      expect(formatRoute(route)).toBe(`#/tasks${taskId ? `/${taskId}` : ''}?view=list&q=a%2Fb`);
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }
    expect(parseRoute('#/tasks?')).toEqual({ screen: 'tasks', taskId: null, query: '' });
  });

  it('names a project page by its id, and takes a page with no usable id for the board', () => {
    expect(formatRoute({ screen: 'project', taskId: null, projectId: 12 })).toBe('#/project/12');
    expect(parseRoute('#/project/12')).toEqual({ screen: 'project', taskId: null, projectId: 12, query: '' });
    expect(parseRoute('#/project/abc')).toEqual({ screen: 'tasks', taskId: null, query: '' });
    expect(parseRoute('#/project')).toEqual({ screen: 'tasks', taskId: null, query: '' });
  });
});
