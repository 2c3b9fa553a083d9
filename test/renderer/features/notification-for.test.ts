import { describe, expect, it } from 'vitest';
import { TASK_STATES } from '../../../shared/models/task.js';
import { notificationFor } from '../../../renderer/features/notifications/notification-for.js';
import { makeTask } from '../support/make-task.js';

describe('notificationFor', () => {
  it('notifies when a task starts needing review or input, fails or times out, and only then', () => {
    const notifying = TASK_STATES.filter((s) => notificationFor('running', makeTask({ state: s })) != null);
    expect(notifying).toEqual(['awaiting_input', 'awaiting_review', 'failed', 'timed_out']);
    expect(notificationFor('awaiting_review', makeTask({ state: 'awaiting_review' }))).toBeNull();
  });

  it('names the project, the task and what to do, and keeps the body short', () => {
    const n = notificationFor('running', makeTask({ id: 'dispatch-a', state: 'awaiting_review', projectDir: '/code/shop', prompt: 'Add pagination\nmore', agent: 'codex' }))!;
    expect(n).toEqual({ kind: 'review', title: 'Ready for review', body: 'shop: Add pagination\ncodex finished; approve or reject its changes.', taskId: 'dispatch-a' });
    const failed = notificationFor('running', makeTask({ state: 'failed', error: 'x'.repeat(500) }))!;
    expect(failed.title).toBe('Task failed');
    expect(failed.body.length).toBeLessThanOrEqual(200);
  });
});
