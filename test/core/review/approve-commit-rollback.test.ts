/** issue 12: a commit-mode approval that fails midway leaves the project as it was, and can be re-approved. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitRunner, type GitRunner } from '../../../electron/core/git/git-runner.js';
import { createStatusCache } from '../../../electron/core/git/status-cache.js';
import { applyToRepo } from '../../../electron/core/review/apply-to-repo.js';
import { git, gitState, harness, hashTree, makeRepo, read, write } from '../git/git-fixture.js';
import { tempDir } from '../../helpers/temp.js';

/** A real git runner that fails the first `git <verb>` after running it (so a partial write really happened). */
function failingOn(verb: string): GitRunner & { armed: boolean } {
  const real = createGitRunner();
  const wrapped = {
    ...real,
    armed: true,
    async run(req: Parameters<GitRunner['run']>[0]) {
      const out = await real.run(req);
      if (wrapped.armed && req.args.includes(verb)) {
        wrapped.armed = false;
        throw new Error(`injected failure after git ${verb}`);
      }
      return out;
    },
  };
  return wrapped;
}

function project() {
  const tmp = tempDir('sb-rollback-');
  const repo = makeRepo(join(tmp, 'proj'), { 'a.txt': 'a\n', 'b.txt': 'b\n', 'sub/c.txt': 'c\n' });
  git(repo, 'checkout', '-q', '-b', 'agent');
  write(repo, { 'a.txt': 'a by agent\n', 'sub/new.txt': 'new\n' });
  git(repo, 'rm', '-q', 'sub/c.txt');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'agent');
  const patch = execFileSync('git', ['-C', repo, 'diff', '--binary', 'main', 'agent']);
  git(repo, 'checkout', '-q', 'main');
  git(repo, 'branch', '-q', '-D', 'agent');
  const tmpDir = join(tmp, 'tmp');
  mkdirSync(tmpDir);
  return { repo, patch, tmpDir };
}

const request = (p: ReturnType<typeof project>) => ({ taskId: 'dispatch-x', repo: p.repo, patch: p.patch, paths: ['a.txt', 'sub/c.txt', 'sub/new.txt'], mode: 'commit' as const, targetBranch: null, message: 'm', tmpDir: p.tmpDir });

describe('commit-mode approve is all or nothing, even when it fails', () => {
  for (const step of ['reset', 'checkout-index']) {
    it(`a failure at ${step} puts the branch, the index and the files back; approving again works`, async () => {
      const p = project();
      const before = { tree: hashTree(p.repo), git: gitState(p.repo), main: git(p.repo, 'rev-parse', 'main') };
      const runner = failingOn(step);
      await expect(applyToRepo(runner, createStatusCache(runner), request(p))).rejects.toThrow(/everything was put back as it was/);
      expect(hashTree(p.repo)).toEqual(before.tree);
      expect(gitState(p.repo)).toBe(before.git);
      expect(git(p.repo, 'rev-parse', 'main')).toBe(before.main);

      const again = await applyToRepo(runner, createStatusCache(runner), request(p));
      expect(again.ok).toBe(true);
      expect(read(p.repo, 'a.txt')).toBe('a by agent\n');
      expect(read(p.repo, 'sub/new.txt')).toBe('new\n');
      expect(git(p.repo, 'status', '--porcelain')).toBe('');
    });
  }

  it('a stale .git/index.lock is refused before anything moves, recorded on the task, and approve works once it is gone', async () => {
    const h = harness();
    const repo = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    await h.core.call('projects.add', { dir: repo, settings: { applyMode: 'commit' } });
    const { task, cwd } = await h.start(repo);
    write(cwd, { 'a.txt': 'a by agent\n', 'n.txt': 'n\n' });
    await h.finish(task);
    writeFileSync(join(repo, '.git', 'index.lock'), '');
    const before = { tree: hashTree(repo), main: git(repo, 'rev-parse', 'main') };
    await expect(h.core.call('changes.approve', { taskId: task.id })).rejects.toThrow(/index\.lock exists.*delete that file, then approve again/);
    expect(hashTree(repo)).toEqual(before.tree);
    expect(git(repo, 'rev-parse', 'main')).toBe(before.main);
    const t = h.core.store.tasks.get(task.id)!;
    expect(t).toMatchObject({ state: 'awaiting_review', errorType: 'git_error' });
    expect((await h.core.call('changes.get', { taskId: task.id })).change).toMatchObject({ state: 'pending', review: { error: expect.stringMatching(/index\.lock/) } });

    rmSync(join(repo, '.git', 'index.lock'));
    const out = await h.core.call('changes.approve', { taskId: task.id });
    expect(out.task.state).toBe('applied');
    expect(read(repo, 'a.txt')).toBe('a by agent\n');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });
});

describe('review lock', () => {
  it('is keyed by the repository root: two projects in subfolders of one repo both approve, one after the other', async () => {
    const h = harness();
    const repo = makeRepo(join(h.tmp, 'mono'), { 'p1/a.txt': 'a\n', 'p2/b.txt': 'b\n' });
    const one = await h.start(join(repo, 'p1'));
    write(one.cwd, { 'a.txt': 'a by agent\n' });
    await h.finish(one.task);
    const two = await h.start(join(repo, 'p2'));
    write(two.cwd, { 'b.txt': 'b by agent\n' });
    await h.finish(two.task);
    const results = await Promise.allSettled([
      h.core.call('changes.approve', { taskId: one.task.id }),
      h.core.call('changes.approve', { taskId: two.task.id }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(read(repo, 'p1/a.txt')).toBe('a by agent\n');
    expect(read(repo, 'p2/b.txt')).toBe('b by agent\n');
  });
});
