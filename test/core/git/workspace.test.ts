import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSweeper } from '../../../electron/core/git/sweeper.js';
import type { GitRunner } from '../../../electron/core/git/git-runner.js';
import { commitAll, git, harness, hashTree, makeRepo, read, write } from './git-fixture.js';

describe('workspace.prepare', () => {
  it('creates a worktree on switchboard/<task-id> from HEAD and records it on the task', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    const head = git(project, 'rev-parse', 'HEAD');
    const { task, cwd } = await h.start(project);
    expect(cwd).toBe(join(h.home, 'worktrees', 'proj', task.id));
    expect(task).toMatchObject({ baseCommit: head, branch: `switchboard/${task.id}`, worktreePath: cwd });
    expect(git(cwd, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(`switchboard/${task.id}`);
    expect(read(cwd, 'a.txt')).toBe('a\n');
    expect(git(project, 'status', '--porcelain')).toBe(''); // the project's checkout is not touched
  });

  it('starts from the base branch when one is given, and honours config.worktreeRoot', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'main\n' });
    git(project, 'checkout', '-q', '-b', 'feature');
    write(project, { 'a.txt': 'feature\n' });
    const featureHead = commitAll(project, 'on feature');
    git(project, 'checkout', '-q', 'main');
    const root = join(h.tmp, 'elsewhere');
    writeFileSync(join(h.home, 'config.json'), JSON.stringify({ trustedRoots: [h.tmp], worktreeRoot: root }));
    h.core.config.reload();
    const { task, cwd } = await h.start(project, { baseBranch: 'feature' });
    expect(cwd).toBe(join(root, 'proj', task.id));
    expect(task.baseCommit).toBe(featureHead);
    expect(read(cwd, 'a.txt')).toBe('feature\n');
  });

  it('explains an unknown base branch', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    await expect(h.start(project, { baseBranch: 'nope' })).rejects.toThrow(/base branch "nope" does not exist/);
    await expect(h.start(project, { baseBranch: '--upload-pack=x' })).rejects.toThrow(/not a valid branch name/);
  });

  it('runs a project in a subdirectory of a repository in the matching subdirectory of the worktree', async () => {
    const h = harness();
    const repo = makeRepo(join(h.tmp, 'mono'), { 'pkg/app/a.txt': 'a\n', 'other/b.txt': 'b\n' });
    const { task, cwd } = await h.start(join(repo, 'pkg', 'app'));
    expect(cwd).toBe(join(task.worktreePath!, 'pkg', 'app'));
    write(cwd, { 'a.txt': 'edited\n' });
    await h.finish(task);
    await h.core.call('changes.approve', { taskId: task.id });
    expect(read(repo, 'pkg/app/a.txt')).toBe('edited\n');
  });
});

describe('git processes per task', () => {
  it('prepares, captures and removes a task that changed nothing with few git processes, and leaves no worktree or branch', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    // Every git process goes through the runner's run, text or stream: count them.
    const runner = (h.core.workspace as unknown as { git: GitRunner }).git; // createWorkspace's runner
    const calls: string[] = [];
    for (const m of ['run', 'text', 'stream'] as const) {
      const orig = runner[m].bind(runner) as (...a: unknown[]) => unknown;
      (runner as unknown as Record<string, unknown>)[m] = (call: { args: string[] }, ...rest: unknown[]) => {
        calls.push(call.args.filter((a) => !a.startsWith('--git-dir') && !a.startsWith('--work-tree')).slice(0, 2).join(' '));
        return orig(call, ...rest);
      };
    }
    const { task, cwd } = await h.start(project);
    expect(await h.finish(task)).toBeNull();
    await h.core.workspace.cleanup(task.id, { nothingUncaptured: true });
    expect(existsSync(cwd)).toBe(false);
    expect(git(project, 'branch', '--list', 'switchboard/*')).toBe('');
    expect(git(project, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    // prepare: repo and HEAD in one call, worktree add; capture: repo, refresh, untracked, diff; removal: repo, worktree remove, branch -D.
    expect(calls.length, calls.join(', ')).toBeLessThanOrEqual(9);
  });
});

describe('in-place and non-git projects', () => {
  it('reviews a non-git project against a snapshot taken before the run, outside the project', async () => {
    const h = harness();
    const project = join(h.tmp, 'plain');
    mkdirSync(project);
    write(project, { 'a.txt': 'a\n', 'b.txt': 'b\n', 'sub/c.txt': 'c\n' });
    const { task, cwd } = await h.start(project);
    expect(realpathSync(cwd)).toBe(realpathSync(project));
    expect(task.worktreePath).toBeNull();
    expect(existsSync(join(project, '.git'))).toBe(false);
    write(project, { 'a.txt': 'a edited\n', 'new.txt': 'new\n' });
    rmSync(join(project, 'sub'), { recursive: true });
    await h.finish(task);
    const { files } = await h.core.call('changes.get', { taskId: task.id });
    expect(files.map((f) => `${f.status} ${f.path}`).sort()).toEqual(['added new.txt', 'deleted sub/c.txt', 'modified a.txt']);
    expect(existsSync(join(project, '.git'))).toBe(false);

    // Approving part of it puts the rest back as the snapshot had it.
    await h.core.call('changes.approve', { taskId: task.id, files: ['a.txt'] });
    expect(read(project, 'a.txt')).toBe('a edited\n');
    expect(existsSync(join(project, 'new.txt'))).toBe(false);
    expect(read(project, 'sub/c.txt')).toBe('c\n');
    expect(existsSync(join(h.home, 'snapshots', `${task.id}.git`))).toBe(false);
  });

  it('runs an in-place task in the git project without writing to its .git, and rejecting reverts the run', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', '.gitignore': '*.log\n' });
    write(project, { 'mine.txt': 'the user was already editing this\n' });
    const gitBefore = hashTree(join(project, '.git'));
    const before = hashTree(project);
    const { task, cwd } = await h.start(project, { inPlace: true });
    expect(realpathSync(cwd)).toBe(realpathSync(project));
    write(project, { 'a.txt': 'agent\n', 'agent.txt': 'added\n', 'x.log': 'ignored\n' });
    await h.finish(task);
    const { files } = await h.core.call('changes.get', { taskId: task.id });
    expect(files.map((f) => f.path).sort()).toEqual(['a.txt', 'agent.txt']); // not mine.txt: it predates the run
    await h.core.call('changes.reject', { taskId: task.id });
    rmSync(join(project, 'x.log'));
    expect(hashTree(project)).toEqual(before);
    expect(hashTree(join(project, '.git'))).toEqual(gitBefore);
  });

  it('refuses to revert a file the user edited after the run, and changes nothing', async () => {
    const h = harness();
    const project = join(h.tmp, 'plain');
    mkdirSync(project);
    write(project, { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const { task } = await h.start(project);
    write(project, { 'a.txt': 'agent a\n', 'b.txt': 'agent b\n' });
    await h.finish(task);
    write(project, { 'b.txt': 'user b\n' });
    const before = hashTree(project);
    const err = await h.core.call('changes.reject', { taskId: task.id }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/b\.txt/);
    expect(hashTree(project)).toEqual(before);
    expect(h.core.store.tasks.get(task.id)!.state).toBe('awaiting_review');
  });
});

describe('workspace.sweep', () => {
  it('removes worktrees whose task is gone or applied, keeps live and recently rejected ones, touches nothing else', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    const live = await h.start(project);
    const rejected = await h.start(project);
    write(rejected.cwd, { 'a.txt': 'r\n' });
    await h.finish(rejected.task);
    await h.core.call('changes.reject', { taskId: rejected.task.id });
    // A worktree left by a task this store does not know, and an unrelated folder in the root.
    const orphanId = 'dispatch-orphan-1';
    const orphan = join(h.home, 'worktrees', 'proj', orphanId);
    git(project, 'worktree', 'add', '-q', '-b', `switchboard/${orphanId}`, orphan);
    const unrelated = join(h.home, 'worktrees', 'proj', 'not-a-task');
    mkdirSync(unrelated);
    const userBranch = git(project, 'branch', 'user-branch');

    const report = await h.core.workspace.sweep();
    expect(report.removed).toEqual([orphan]);
    expect(existsSync(orphan)).toBe(false);
    expect(git(project, 'branch', '--list', `switchboard/${orphanId}`)).toBe('');
    expect(existsSync(live.cwd)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
    expect(git(project, 'branch', '--list', `switchboard/${rejected.task.id}`)).not.toBe('');
    expect(git(project, 'branch', '--list', 'user-branch')).not.toBe('');
    expect(userBranch).toBe('');

    // Once keepRejectedBranchDays has passed, the rejected task's branch goes too.
    writeFileSync(join(h.home, 'config.json'), JSON.stringify({ trustedRoots: [h.tmp], keepRejectedBranchDays: 0 }));
    h.core.config.reload();
    const later = await h.core.workspace.sweep();
    expect(later.branchesDeleted).toEqual([`${realpathSync(project)}:switchboard/${rejected.task.id}`]);
    expect(git(project, 'branch', '--list', 'switchboard/*')).toBe(`+ switchboard/${live.task.id}`);
  });

  it('runs at start-up and on a timer, and records what it removed in the audit trail', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    const orphan = join(h.home, 'worktrees', 'proj', 'dispatch-gone-1');
    git(project, 'worktree', 'add', '-q', '-b', 'switchboard/dispatch-gone-1', orphan);
    const sweeper = startSweeper({ workspace: h.core.workspace, store: h.core.store, clock: h.core.clock, intervalMs: 20 });
    await sweeper.idle();
    expect(existsSync(orphan)).toBe(false);
    const second = join(h.home, 'worktrees', 'proj', 'dispatch-gone-2');
    git(project, 'worktree', 'add', '-q', '-b', 'switchboard/dispatch-gone-2', second);
    await vi.waitFor(() => expect(existsSync(second)).toBe(false), { timeout: 3000 });
    await sweeper.dispose();
    const sweeps = h.core.store.db.prepare("SELECT data FROM audit WHERE kind = 'workspace.sweep' ORDER BY seq").pluck().all() as string[];
    // (The core's own start-up sweep may have taken the first one: either way it is recorded.)
    expect([...new Set(sweeps.flatMap((d) => JSON.parse(d).removed))]).toEqual([orphan, second]);
  });
});
