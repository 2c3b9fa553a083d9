/**
 * The whole content of a worktree as one git tree id (tracked and untracked files, ignored files
 * and copied-in files left out), written through a temporary index so the agent's own index is never
 * touched. Capture records it with each change; before a worktree is removed it is taken again, and a
 * difference means work no change record holds (issue 16: such a worktree is kept).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { GitRunner } from './git-runner.js';

export interface TreeSource {
  cwd: string;
  repo: string;
  /** The worktree's own index (copied, for its stat cache), or null. */
  sourceIndex: string | null;
  /** Repository-relative paths to leave out (copied-in files). */
  excludes: string[];
  tmpDir: string;
}

export async function worktreeTree(git: GitRunner, src: TreeSource): Promise<string> {
  const index = join(src.tmpDir, `tree-${randomBytes(4).toString('hex')}.index`);
  const env = { GIT_INDEX_FILE: index };
  try {
    if (!src.sourceIndex || !(await git.fs.copyIndex(src.sourceIndex, index))) await git.run({ cwd: src.cwd, repo: src.repo, args: ['read-tree', 'HEAD'], env });
    await git.run({ cwd: src.cwd, repo: src.repo, args: ['add', '-A', '--', ':(top)'], env, timeoutMs: 10 * 60_000 });
    // Copied-in files that git does not ignore were just added: take them out again (an exclude
    // pathspec would make `add` fail on the ones it ignores).
    if (src.excludes.length) {
      await git.run({ cwd: src.cwd, repo: src.repo, args: ['rm', '-r', '-q', '--cached', '--ignore-unmatch', '--pathspec-from-file=-', '--pathspec-file-nul'], env: { ...env, GIT_LITERAL_PATHSPECS: '1' }, input: src.excludes.join('\0') });
    }
    return (await git.text({ cwd: src.cwd, repo: src.repo, args: ['write-tree'], env })).trim();
  } finally {
    await git.fs.rm(index);
  }
}
