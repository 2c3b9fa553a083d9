import { describe, expect, it } from 'vitest';
import { hasFilters, matchesFilters, NO_FILTERS } from '../../../../renderer/features/tasks/task-filters.js';
import { isNewer, upsertTasks } from '../../../../renderer/features/tasks/task-merge.js';
import { makeTask } from '../../support/make-task.js';

describe('task filters', () => {
  const task = makeTask({ id: 'dispatch-Login-1', prompt: 'Fix the flaky LOGIN test', projectId: 3, agent: 'codex' });

  it('search matches the prompt or the id, ignoring case and spaces around it', () => {
    expect(matchesFilters(task, { ...NO_FILTERS, search: '  login ' })).toBe(true);
    expect(matchesFilters(task, { ...NO_FILTERS, search: 'dispatch-login' })).toBe(true);
    expect(matchesFilters(task, { ...NO_FILTERS, search: 'signup' })).toBe(false);
  });

  it('project and agent must match exactly when set', () => {
    expect(matchesFilters(task, { ...NO_FILTERS, projectId: 3, agent: 'codex' })).toBe(true);
    expect(matchesFilters(task, { ...NO_FILTERS, projectId: 4 })).toBe(false);
    expect(matchesFilters(task, { ...NO_FILTERS, agent: 'claude' })).toBe(false);
    expect([hasFilters(NO_FILTERS), hasFilters({ ...NO_FILTERS, search: '  ' }), hasFilters({ ...NO_FILTERS, agent: 'x' })]).toEqual([false, false, true]);
  });
});

describe('upsertTasks', () => {
  const older = makeTask({ state: 'running', updatedAt: '2026-01-01T00:00:01.000Z' });
  const newer = makeTask({ state: 'awaiting_review', updatedAt: '2026-01-01T00:00:02.000Z' });

  it('never lets an older copy replace a newer one', () => {
    const map = upsertTasks({}, [newer]);
    expect(upsertTasks(map, [older])).toBe(map);
    expect(upsertTasks({ [older.id]: older }, [newer])[older.id].state).toBe('awaiting_review');
    expect([isNewer(undefined, older), isNewer(newer, older), isNewer(older, older)]).toEqual([true, false, true]);
  });

  it('returns the same object when nothing changed, so views do not re-render', () => {
    const map = upsertTasks({}, [newer]);
    expect(upsertTasks(map, [])).toBe(map);
  });
});
