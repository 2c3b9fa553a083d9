import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { git, harness, hashTree, makeRepo, read, write } from '../git/git-fixture.js';
import { lines, reviewed } from './review-fixture.js';

describe('approve', () => {
  it('applies exactly the two approved files and nothing else, as uncommitted edits', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const before = hashTree(project);
    const head = git(project, 'rev-parse', 'HEAD');
    const out = await h.core.call('changes.approve', { taskId: task.id, files: ['a.txt', 'new.txt'] });
    expect(out.appliedFiles).toEqual(['a.txt', 'new.txt']);
    expect(out.task.state).toBe('applied');
    expect(out.change.state).toBe('partially_applied');
    const after = hashTree(project);
    const changed = Object.keys({ ...before, ...after }).filter((p) => before[p] !== after[p]).sort();
    expect(changed).toEqual(['a.txt', 'new.txt']);
    expect(read(project, 'a.txt')).toBe('a by agent\n');
    expect(read(project, 'new.txt')).toBe('new\n');
    expect(git(project, 'rev-parse', 'HEAD')).toBe(head); // not committed
    expect(git(project, 'diff', '--cached', '--name-only')).toBe(''); // the user's index untouched
    // The worktree and branch are cleaned up after apply.
    expect(git(project, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(git(project, 'branch', '--list', 'switchboard/*')).toBe('');
  });

  it('applies exactly one approved hunk of a file', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    await h.core.call('changes.approve', { taskId: task.id, hunks: [{ path: 'long.txt', index: 1 }] });
    expect(read(project, 'long.txt')).toBe(lines(40).replace('line 35\n', 'line 35 changed\n'));
    expect(read(project, 'a.txt')).toBe('a\n');
    expect(git(project, 'status', '--porcelain')).toBe('M long.txt');
  });

  it('applies everything when nothing is selected, and only once', async () => {
    const h = harness();
    const { project, task, long } = await reviewed(h);
    const out = await h.core.call('changes.approve', { taskId: task.id });
    expect(out.change.state).toBe('applied');
    expect(read(project, 'long.txt')).toBe(long);
    expect(read(project, 'c.txt')).toBe('c by agent\n');
    const again = await h.core.call('changes.approve', { taskId: task.id }).catch((e) => e);
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/applied, not awaiting review/);
  });

  it('applies deletions, renames and binaries', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'gone/deep.txt': 'bye\n', 'old.txt': lines(10) });
    const { task, cwd } = await h.start(project);
    rmSync(join(cwd, 'gone'), { recursive: true });
    rmSync(join(cwd, 'old.txt'));
    write(cwd, { 'renamed.txt': lines(10), 'img.bin': Buffer.from([0, 159, 146, 150, 0, 1]) });
    await h.finish(task);
    const expected = hashTree(cwd);
    await h.core.call('changes.approve', { taskId: task.id });
    expect(hashTree(project)).toEqual(expected);
  });

  it('commits on the target branch in applyMode "commit"', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    await h.core.call('projects.add', { dir: project, settings: { applyMode: 'commit' } });
    const { task, cwd } = await h.start(project);
    write(cwd, { 'a.txt': 'a by agent\n', 'b.txt': 'b by agent\n' });
    await h.finish(task);
    const head = git(project, 'rev-parse', 'HEAD');
    const out = await h.core.call('changes.approve', { taskId: task.id, files: ['a.txt'] });
    const commit = git(project, 'rev-parse', 'main');
    expect(out.change.review.commit).toBe(commit);
    expect(git(project, 'rev-parse', `${commit}^`)).toBe(head);
    expect(git(project, 'show', '--name-only', '--format=%s', commit).split('\n')).toEqual(['do the thing', '', 'a.txt']);
    expect(git(project, 'status', '--porcelain')).toBe(''); // index and working tree follow the new commit
    expect(read(project, 'a.txt')).toBe('a by agent\n');
    expect(read(project, 'b.txt')).toBe('b\n');
  });

  it('commits on a base branch that is not checked out without touching the working tree', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    git(project, 'branch', 'release');
    await h.core.call('projects.add', { dir: project, settings: { applyMode: 'commit' } });
    const { task, cwd } = await h.start(project, { baseBranch: 'release' });
    write(cwd, { 'a.txt': 'on release\n' });
    await h.finish(task);
    writeFileSync(join(project, 'a.txt'), 'dirty on main\n'); // does not matter: release is not checked out
    const before = hashTree(project);
    await h.core.call('changes.approve', { taskId: task.id });
    expect(git(project, 'show', 'release:a.txt')).toBe('on release');
    expect(hashTree(project)).toEqual(before);
  });

  it('approves a change of more than a thousand files', async () => {
    const h = harness();
    const files = Object.fromEntries(Array.from({ length: 1010 }, (_, i) => [`d${i % 12}/f${i}.txt`, `${i}\n`]));
    const project = makeRepo(join(h.tmp, 'proj'), files);
    const { task, cwd } = await h.start(project);
    write(cwd, Object.fromEntries(Object.keys(files).map((p, i) => [p, `${i} edited\n`])));
    rmSync(join(cwd, 'd0/f0.txt'));
    await h.finish(task);
    const expected = hashTree(cwd);
    const out = await h.core.call('changes.approve', { taskId: task.id });
    expect(out.appliedFiles).toHaveLength(1010);
    expect(hashTree(project)).toEqual(expected);
  }, 120_000); // a thousand files through git: slow on a loaded machine, never wrong
});
