import { describe, expect, it } from 'vitest';
import { commitAll, git, gitState, harness, hashTree, read, write } from '../git/git-fixture.js';
import { lines, reviewed } from './review-fixture.js';

describe('approve and reject: the project is never half-changed', () => {
  it('rejecting leaves the project byte-for-byte untouched and keeps the branch', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const before = hashTree(project);
    const state = gitState(project);
    const out = await h.core.call('changes.reject', { taskId: task.id, reason: 'not what I asked' });
    expect(out.task.state).toBe('rejected');
    expect(out.change).toMatchObject({ state: 'rejected', review: { rejectReason: 'not what I asked' } });
    expect(hashTree(project)).toEqual(before);
    expect(gitState(project)).toBe(state);
    expect(git(project, 'branch', '--list', 'switchboard/*')).toContain(`switchboard/${task.id}`);
    expect(git(project, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('applies cleanly when the base moved on a different file', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    write(project, { 'keep.txt': 'moved on\n' });
    commitAll(project, 'someone else');
    await h.core.call('changes.approve', { taskId: task.id, files: ['a.txt'] });
    expect(read(project, 'a.txt')).toBe('a by agent\n');
    expect(read(project, 'keep.txt')).toBe('moved on\n');
  });

  it('merges three-way when the base moved elsewhere in the same file', async () => {
    const h = harness();
    const { project, task, long } = await reviewed(h);
    write(project, { 'long.txt': lines(40).replace('line 20\n', 'line 20 upstream\n').replace('line 1\n', 'line 0\nline 1\n') });
    commitAll(project, 'upstream edit');
    const out = await h.core.call('changes.approve', { taskId: task.id, files: ['long.txt'] });
    expect(out.task.state).toBe('applied');
    expect(read(project, 'long.txt')).toBe(long.replace('line 20\n', 'line 20 upstream\n').replace('line 1\n', 'line 0\nline 1\n'));
  });

  it('reports a conflict when the base moved on the same lines, and leaves the project untouched', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    write(project, { 'a.txt': 'a upstream\n' });
    commitAll(project, 'conflicting upstream edit');
    const before = hashTree(project);
    const state = gitState(project);
    const err = await h.core.call('changes.approve', { taskId: task.id }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/conflicts with the project in a\.txt/);
    expect(err.details).toEqual([{ path: 'a.txt', message: 'conflict' }]);
    expect(hashTree(project)).toEqual(before);
    expect(gitState(project)).toBe(state);
    const t = h.core.store.tasks.get(task.id)!;
    expect(t.state).toBe('awaiting_review');
    expect(t.error).toMatch(/a\.txt/);
    expect((await h.core.call('changes.get', { taskId: task.id })).change.review.conflicts).toEqual(['a.txt']);
    // The reviewer can still approve the files that do apply.
    await h.core.call('changes.approve', { taskId: task.id, files: ['b.txt'] });
    expect(read(project, 'b.txt')).toBe('b by agent\n');
    expect(h.core.store.tasks.get(task.id)!.error).toBeNull();
  });

  it('refuses, naming the files, when the project has uncommitted edits to the same files', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    write(project, { 'b.txt': 'my own edit\n', 'new.txt': 'my untracked file\n', 'keep.txt': 'unrelated edit\n' });
    const before = hashTree(project);
    const err = await h.core.call('changes.approve', { taskId: task.id }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/uncommitted edits or untracked files at b\.txt, new\.txt/);
    expect(hashTree(project)).toEqual(before);
    // Unrelated edits do not block.
    await h.core.call('changes.approve', { taskId: task.id, files: ['a.txt'] });
    expect(read(project, 'a.txt')).toBe('a by agent\n');
    expect(read(project, 'keep.txt')).toBe('unrelated edit\n');
  });

  it('applies a change once when two approvals race, and refuses one whose earlier attempt was interrupted', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const results = await Promise.allSettled([
      h.core.call('changes.approve', { taskId: task.id, files: ['long.txt'] }),
      h.core.call('changes.approve', { taskId: task.id, files: ['long.txt'] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(git(project, 'diff', '--stat')).toMatch(/long\.txt \| 4 \+\+--/);

  });

  it('refuses to approve again a change whose earlier approval was interrupted midway', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const change = h.core.store.changes.latest(task.id)!;
    h.core.store.changes.claimApply(change.id, Date.now()); // as if Switchboard died while writing the project
    const before = hashTree(project);
    await expect(h.core.call('changes.approve', { taskId: task.id })).rejects.toThrow(/earlier approval of task .* was interrupted/);
    expect(hashTree(project)).toEqual(before);
  });

});
