import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitRunner } from '../../../electron/core/git/git-runner.js';
import { addWorktree, removeWorktree } from '../../../electron/core/git/worktrees.js';
import { tempDir } from '../../helpers/temp.js';
import { git, makeRepo } from './git-fixture.js';

describe('worktrees', () => {
  it('adds and removes many worktrees of one repository at once without losing any', async () => {
    const dir = tempDir();
    const repo = makeRepo(join(dir, 'repo'), { 'a.txt': 'a\n' });
    const base = git(repo, 'rev-parse', 'HEAD');
    const runner = createGitRunner();
    const ids = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const path = (id: string) => join(dir, 'wt', id);
    // Each add prunes first; without a per-repository lock a prune deletes another add's fresh records.
    await Promise.all(ids.map((id) => addWorktree(runner, repo, path(id), `switchboard/${id}`, base)));
    const listed = () => git(repo, 'worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length;
    expect(listed()).toBe(1 + ids.length);
    await Promise.all([
      ...ids.slice(0, 6).map((id) => removeWorktree(runner, repo, path(id), `switchboard/${id}`, true)),
      ...['u0', 'u1', 'u2', 'u3'].map((id) => addWorktree(runner, repo, path(id), `switchboard/${id}`, base)),
    ]);
    expect(listed()).toBe(1 + 6 + 4);
    runner.dispose();
  });
});
