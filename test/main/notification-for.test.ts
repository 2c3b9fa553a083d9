import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../electron/main/notification-for.js';
import type { TaskState } from '../../shared/models/task.js';

const task = (state: TaskState, error: string | null = null) => ({ id: 'dispatch-a', state, projectDir: '/p/web', prompt: 'fix the build', agent: 'codex', error });

describe('notificationFor', () => {
  it('announces review, input, failure and timeout', () => {
    expect(notificationFor('running', task('awaiting_review'))).toMatchObject({ title: 'Ready for review', taskId: 'dispatch-a' });
    expect(notificationFor('running', task('awaiting_review'))!.body).toContain('web: fix the build');
    expect(notificationFor('running', task('awaiting_input'))).toMatchObject({ title: 'Needs your input' });
    expect(notificationFor('running', task('failed', 'codex exited with code 2'))).toMatchObject({ title: 'Task failed', body: expect.stringContaining('codex exited with code 2') });
    expect(notificationFor('running', task('timed_out'))).toMatchObject({ title: 'Task timed out' });
  });

  it('stays silent for the kinds turned off in Settings', () => {
    const kinds = { review: false, input: true, failed: false };
    expect(notificationFor('running', task('awaiting_review'), kinds)).toBeNull();
    expect(notificationFor('running', task('failed'), kinds)).toBeNull();
    expect(notificationFor('running', task('timed_out'), kinds)).toBeNull();
    expect(notificationFor('running', task('awaiting_input'), kinds)).toMatchObject({ kind: 'input', title: 'Needs your input' });
  });

  it('stays silent for other states and for no change', () => {
    for (const s of ['queued', 'preparing', 'running', 'applied', 'rejected', 'cancelled', 'no_changes', 'interrupted'] as TaskState[]) {
      expect(notificationFor('queued', task(s))).toBeNull();
    }
    expect(notificationFor('awaiting_review', task('awaiting_review'))).toBeNull();
    expect(notificationFor(null, task('awaiting_input'))).not.toBeNull();
  });

  it('bounds the body', () => {
    expect(notificationFor('running', task('failed', 'x'.repeat(5000)))!.body.length).toBeLessThanOrEqual(200);
  });
});
