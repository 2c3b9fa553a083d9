import { describe, expect, it } from 'vitest';
import { followTask, isNewerChange, type TaskChange } from '../../../shared/live/follow-task.js';
import type { Task, TaskState } from '../../../shared/models/task.js';

const task = (state: TaskState, updatedAt: string) => ({ id: 'dispatch-t', state, updatedAt }) as Task;
const change = (previousState: TaskState | null, state: TaskState, updatedAt: string): TaskChange => ({ task: task(state, updatedAt), previousState });

describe('followTask', () => {
  const t1 = '2026-12-05T10:00:00.001Z';
  const t2 = '2026-12-05T10:00:00.002Z';

  it('a change pushed before the read but older than it does not win over the read', () => {
    const seen: TaskState[] = [];
    const f = followTask((t) => seen.push(t.state));
    f.pushed(change('queued', 'running', t1));
    f.read(task('cancelled', t2));
    expect(f.current()?.state).toBe('cancelled');
    expect(seen).toEqual(['cancelled']);
  });

  it('a change pushed before the read but newer than it wins', () => {
    const f = followTask(() => {});
    f.pushed(change('running', 'cancelled', t2));
    f.read(task('running', t1));
    expect(f.current()?.state).toBe('cancelled');
  });

  it('a change still in flight when the read landed is dropped when it is older', () => {
    const f = followTask(() => {});
    f.read(task('failed', t2));
    f.pushed(change('queued', 'running', t1));
    expect(f.current()?.state).toBe('failed');
  });

  it('in one millisecond, the change that starts from the current state is the newer one', () => {
    expect(isNewerChange(task('running', t1), change('running', 'cancelled', t1))).toBe(true);
    expect(isNewerChange(task('running', t1), change('preparing', 'running', t1))).toBe(false);
  });
});
