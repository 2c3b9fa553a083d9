import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness, hashTree, makeRepo, write } from '../git/git-fixture.js';
import { driveTo } from '../../helpers/drive-task.js';
import { reviewed } from './review-fixture.js';

// Issue 12: cancelling a task in review left its change pending, so it could still be approved.
describe('cancelling a task that awaits review', () => {
  it('ends its change: approve is refused afterwards and nothing reaches the project', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const before = hashTree(project);
    const out = await h.core.call('tasks.cancel', { id: task.id });
    expect(out.state).toBe('cancelled');
    const { change } = await h.core.call('changes.get', { taskId: task.id });
    expect(change.state).toBe('rejected');
    const approve = await h.core.call('changes.approve', { taskId: task.id }).catch((e: unknown) => e as { code: string; message: string });
    expect(approve).toMatchObject({ code: 'conflict' });
    expect(hashTree(project)).toEqual(before);
  });

  it('puts an in-place task’s edits back, as a rejection does', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'inplace'), { 'a.txt': 'a\n' });
    const before = hashTree(project);
    const { task, cwd } = await h.start(project, { inPlace: true });
    write(cwd, { 'a.txt': 'edited in place\n', 'new.txt': 'new\n' });
    await h.finish(task);
    await h.core.call('tasks.cancel', { id: task.id });
    expect(hashTree(project)).toEqual(before);
  });
});

describe('tasks.retry', () => {
  it('starts the retry policy afresh: retry_count goes back to 0', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'p'), { 'a.txt': 'a\n' });
    const task = h.core.submit({ projectDir: project, prompt: 'x', agent: 'fake', source: 'cli' });
    driveTo(h.core.transition, task.id, 'queued', 'running');
    h.core.transition(task.id, 'retry_later', { patch: { retry_count: 2 } });
    driveTo(h.core.transition, task.id, 'queued', 'failed');
    expect(h.core.store.tasks.get(task.id)!.retryCount).toBe(2);
    const retried = await h.core.call('tasks.retry', { id: task.id });
    expect(retried).toMatchObject({ state: 'queued', retryCount: 0 });
  });
});
