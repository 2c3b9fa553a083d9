import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupScheduler } from './setup.js';

// Issue 12: two in-place tasks on one folder ran at once and captured each other's edits; rejecting
// one deleted the other's files while its change still awaited review.
describe('in-place tasks of one folder', () => {
  it('run one at a time: the second waits (and says why) until the first one’s change is decided', async () => {
    const s = setupScheduler({ config: { maxConcurrent: 3 } });
    const first = await s.submit('write first.txt from the first task', { inPlace: true });
    await s.waitState(first.id, 'awaiting_review');
    const second = await s.submit('write second.txt from the second task', { inPlace: true });
    // A worktree task of the same project is not held back.
    const other = await s.submit('write other.txt from a worktree task');
    await s.waitState(other.id, 'awaiting_review');

    const waiting = await s.core.call('tasks.get', { id: second.id });
    expect(waiting.task.state).toBe('queued');
    expect(waiting.waiting).toContain(`waiting for task ${first.id}, which ran in place in the same folder`);
    expect(existsSync(join(s.project, 'second.txt'))).toBe(false);

    // The first change is captured without the second task's file in it.
    const { files } = await s.core.call('changes.get', { taskId: first.id });
    expect(files.map((f) => f.path)).toEqual(['first.txt']);

    await s.core.call('changes.reject', { taskId: first.id });
    expect(existsSync(join(s.project, 'first.txt'))).toBe(false);
    await s.waitState(second.id, 'awaiting_review');
    const secondFiles = (await s.core.call('changes.get', { taskId: second.id })).files.map((f) => f.path);
    expect(secondFiles).toEqual(['second.txt']);
    expect(readFileSync(join(s.project, 'second.txt'), 'utf8')).toBe('from the second task');
  });
});
