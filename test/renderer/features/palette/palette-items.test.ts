import { describe, expect, it } from 'vitest';
import type { Task } from '../../../../shared/models/task.js';
import { matchPalette } from '../../../../renderer/features/palette/palette-items.js';

const task = (id: string, prompt: string, updatedAt: string, state: Task['state'] = 'queued') =>
  ({ id, prompt, state, updatedAt, projectDir: '/code/shop', agent: 'claude' }) as Task;

describe('the command palette’s matching', () => {
  const tasks = [task('dispatch-a1', 'Fix the login test', '2026-12-01T10:00:00Z', 'failed'), task('dispatch-b2', 'Add pagination', '2026-12-02T10:00:00Z', 'awaiting_review')];
  const actions = [{ id: 'go:review', label: 'Go to Review', run: () => {} }];
  const ids = (q: string) => matchPalette(actions, tasks, () => {}, q).map((i) => i.id);

  it('lists actions first, then tasks newest first', () => {
    expect(ids('')).toEqual(['go:review', 'task:dispatch-b2', 'task:dispatch-a1']);
  });
  it('finds a task by any word of its title, its id, its state or its project, in any case', () => {
    expect(ids('LOGIN')).toEqual(['task:dispatch-a1']);
    expect(ids('dispatch-b2')).toEqual(['task:dispatch-b2']);
    expect(ids('review')).toEqual(['go:review', 'task:dispatch-b2']);
    expect(ids('shop fix')).toEqual(['task:dispatch-a1']);
    expect(ids('nothing like this')).toEqual([]);
  });
  it('stops at the limit', () => {
    const many = Array.from({ length: 80 }, (_, i) => task(`dispatch-${i}`, `task ${i}`, `2026-12-01T10:00:${String(i % 60).padStart(2, '0')}Z`));
    expect(matchPalette([], many, () => {}, 'task')).toHaveLength(50);
  });
});
