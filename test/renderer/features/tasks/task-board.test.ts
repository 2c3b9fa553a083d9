import { describe, expect, it } from 'vitest';
import { TASK_STATES, type Task, type TaskState } from '../../../../shared/models/task.js';
import { BOARD_COLUMNS, CLOSED_STATES, OPEN_STATES, columnCount, columnOf, groupTasks } from '../../../../renderer/features/tasks/task-board.js';
import { makeTask } from '../../support/make-task.js';

describe('the board columns', () => {
  it('put every state in exactly one column, and every state is loaded either open or closed', () => {
    for (const s of TASK_STATES) {
      expect(BOARD_COLUMNS.filter((c) => c.states.includes(s)), s).toHaveLength(1);
      expect(OPEN_STATES.includes(s) !== CLOSED_STATES.includes(s), s).toBe(true);
    }
    expect(BOARD_COLUMNS.map((c) => c.title)).toEqual(['Queued', 'Running', 'Awaiting input', 'Awaiting review', 'Done', 'Failed']);
    expect([columnOf('preparing'), columnOf('timed_out'), columnOf('no_changes'), columnOf('interrupted')]).toEqual(['running', 'failed', 'done', 'failed']);
  });

  it('orders the queue as the scheduler takes it and the rest newest first', () => {
    const t = (id: string, state: TaskState, priority: number, createdAt: string, updatedAt = createdAt): Task =>
      makeTask({ id: `dispatch-${id}`, state, priority, createdAt, updatedAt });
    const board = groupTasks([
      t('q-old', 'queued', 0, '2026-01-01T00:00:00Z'),
      t('q-new', 'queued', 0, '2026-01-02T00:00:00Z'),
      t('q-urgent', 'queued', 5, '2026-01-03T00:00:00Z'),
      t('done-old', 'applied', 0, '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'),
      t('done-new', 'rejected', 0, '2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z'),
    ]);
    expect(board.queued.map((x) => x.id)).toEqual(['dispatch-q-urgent', 'dispatch-q-old', 'dispatch-q-new']);
    expect(board.done.map((x) => x.id)).toEqual(['dispatch-done-new', 'dispatch-done-old']);
    expect(board.running).toEqual([]);
  });

  it('counts a column from the app totals unless filters narrow it', () => {
    const done = BOARD_COLUMNS.find((c) => c.id === 'done')!;
    const totals = { applied: 120, rejected: 3, cancelled: 7, no_changes: 0 };
    expect(columnCount(done, 100, totals, false)).toBe(130);
    expect(columnCount(done, 4, totals, true)).toBe(4);
    expect(columnCount(done, 5, null, false)).toBe(5);
    // A total that lags behind what is shown never reads lower than the cards on screen.
    expect(columnCount(done, 140, totals, false)).toBe(140);
  });
});
