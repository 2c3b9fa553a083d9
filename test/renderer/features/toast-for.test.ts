import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract.js';
import type { PermissionRequest } from '../../../shared/models/permission.js';
import type { TaskState } from '../../../shared/models/task.js';
import { addToast, toastFor, type Toast } from '../../../renderer/features/inbox/toast-for.js';
import { makeTask } from '../support/make-task.js';

const changed = (previousState: TaskState, state: TaskState): AnyEvent => ({
  name: 'task.changed',
  payload: { previousState, task: makeTask({ id: 'dispatch-a', state, prompt: 'Add pagination', projectDir: '/code/shop' }) },
});
const permission = (state: PermissionRequest['state']): AnyEvent =>
  ({ name: 'permission.changed', payload: { request: { id: 7, taskId: 'dispatch-a', title: 'Edit src/app.ts', state } } }) as unknown as AnyEvent;
const rejected: AnyEvent = {
  name: 'dispatch.rejected',
  payload: { dir: '/in', name: 'dispatch-x.json', path: '/in/rejected/dispatch-x.json', dispatchId: null, reason: 'invalid', message: 'ttl_seconds must be a number', errors: [], rejectedAt: '2026-12-05T00:00:00Z' },
} as unknown as AnyEvent;

describe('toastFor', () => {
  it('toasts what starts waiting for a person, and opens where it can be acted on', () => {
    expect(toastFor(changed('running', 'awaiting_review'))).toMatchObject({ kind: 'review', title: 'Ready for review', screen: 'review', taskId: 'dispatch-a' });
    expect(toastFor(changed('running', 'awaiting_input'))).toMatchObject({ kind: 'input', screen: 'tasks' });
    expect(toastFor(changed('running', 'failed'))).toMatchObject({ kind: 'failed', title: 'Task failed' });
    expect(toastFor(permission('pending'))).toMatchObject({ kind: 'input', title: 'Permission asked', body: 'dispatch-a: Edit src/app.ts', screen: 'inbox' });
    expect(toastFor(rejected)).toMatchObject({ kind: 'failed', title: 'Dispatch file refused', body: 'dispatch-x.json: ttl_seconds must be a number' });
  });

  it('says nothing of changes that need no one, or of a permission already answered', () => {
    expect(toastFor(changed('queued', 'running'))).toBeNull();
    expect(toastFor(changed('awaiting_review', 'awaiting_review'))).toBeNull();
    expect(toastFor(permission('answered'))).toBeNull();
    expect(toastFor({ name: 'run.output', payload: { taskId: 'dispatch-a', runId: 1, seq: 0, data: 'x' } })).toBeNull();
  });

  it('leaves out the kinds turned off in Settings', () => {
    const kinds = { review: true, input: false, failed: false };
    expect(toastFor(changed('running', 'awaiting_review'), kinds)).not.toBeNull();
    expect(toastFor(changed('running', 'awaiting_input'), kinds)).toBeNull();
    expect(toastFor(permission('pending'), kinds)).toBeNull();
    expect(toastFor(rejected, kinds)).toBeNull();
    expect(toastFor(changed('running', 'timed_out'), kinds)).toBeNull();
  });

  it('makes one toast of a permission and its task waiting for input, in either order: the permission’s', () => {
    const input = toastFor(changed('running', 'awaiting_input')) as Toast;
    const asked = toastFor(permission('pending')) as Toast;
    const review = toastFor(changed('running', 'awaiting_review')) as Toast;
    expect(addToast(addToast([], input), asked)).toEqual([asked]);
    expect(addToast(addToast([], asked), input)).toEqual([asked]);
    // Other tasks' toasts stay apart.
    expect(addToast(addToast([review], asked), input)).toEqual([review, asked]);
  });
});
