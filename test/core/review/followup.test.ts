import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness, makeRepo, read, write } from '../git/git-fixture.js';

describe('follow-up', () => {
  it('sends the task back with the message and comments; the next run in the same worktree yields a diff that includes the first', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const first = await h.start(project);
    write(first.cwd, { 'a.txt': 'a v1\n' });
    await h.finish(first.task);
    const firstChange = (await h.core.call('changes.get', { taskId: first.task.id })).change;

    const comment = await h.core.call('changes.comment', { taskId: first.task.id, path: 'a.txt', line: 1, body: 'also update b' });
    expect(comment).toMatchObject({ path: 'a.txt', line: 1, side: 'new', body: 'also update b', changeId: firstChange.id });
    const queued = await h.core.call('tasks.followUp', { taskId: first.task.id, message: 'please finish the job' });
    expect(queued.state).toBe('queued');
    expect(queued.meta.followUp).toMatchObject({
      message: 'please finish the job',
      changeId: firstChange.id,
      comments: [{ path: 'a.txt', line: 1, side: 'new', body: 'also update b' }],
    });
    expect(h.core.store.changes.get(firstChange.id)!.state).toBe('superseded');
    await expect(h.core.call('changes.approve', { taskId: first.task.id })).rejects.toThrow(/queued, not awaiting review/);

    // The scheduler runs the follow-up in the same worktree; the agent edits further.
    const second = await h.resume(first.task);
    expect(second.cwd).toBe(first.cwd);
    expect(read(second.cwd, 'a.txt')).toBe('a v1\n');
    write(second.cwd, { 'b.txt': 'b v2\n' });
    await h.finish(second.task);
    const { change, files, comments } = await h.core.call('changes.get', { taskId: first.task.id });
    expect(change.id).not.toBe(firstChange.id);
    expect(change.baseCommit).toBe(firstChange.baseCommit);
    expect(files.map((f) => f.path)).toEqual(['a.txt', 'b.txt']);
    expect(comments).toEqual([]);
    // The first change, with its comment, is still there for the record.
    expect((await h.core.call('changes.get', { taskId: first.task.id, changeId: firstChange.id })).comments).toHaveLength(1);

    await h.core.call('changes.approve', { taskId: first.task.id });
    expect(read(project, 'a.txt')).toBe('a v1\n');
    expect(read(project, 'b.txt')).toBe('b v2\n');
  });

  it('refuses a comment on a file the change does not have, and a follow-up on a task not awaiting review', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    const { task, cwd } = await h.start(project);
    await expect(h.core.call('tasks.followUp', { taskId: task.id, message: 'x' })).rejects.toThrow(/running, not awaiting review/);
    write(cwd, { 'a.txt': 'b\n' });
    await h.finish(task);
    await expect(h.core.call('changes.comment', { taskId: task.id, path: 'nope.txt', line: 1, body: 'x' })).rejects.toThrow(/has no file "nope.txt"/);
    await expect(h.core.call('changes.fileDiff', { taskId: task.id, path: 'nope.txt' })).rejects.toThrow(/has no file "nope.txt"/);
    await expect(h.core.call('changes.approve', { taskId: task.id, files: ['nope.txt'] })).rejects.toThrow(/has no file "nope.txt"; its files are a.txt/);
  });
});
