/**
 * The whole content of a worktree as one git tree id (tracked and untracked files, ignored files
 * and copied-in files left out), written through a temporary index so the agent's own index is never
 * touched. Before a worktree is removed it is taken and compared with what the newest change record
 * holds (its base with its patch applied, treeFromPatch): a difference means work no change record
 * holds (issue 16: such a worktree is kept). Capture does not take it: that doubled capture's git work
 * on the hot path, and removal is rare.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../errors.js';
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

/**
 * The tree of `base` with `patch` applied, built in a temporary index (neither the project nor any
 * worktree is touched). A patch that does not apply is a conflict naming the task.
 */
export async function treeFromPatch(git: GitRunner, src: { repo: string; taskId: string; base: string; patch: string | Buffer; tmpDir: string }): Promise<string> {
  const index = join(src.tmpDir, `patched-${src.taskId}-${randomBytes(4).toString('hex')}.index`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await git.run({ cwd: src.repo, args: ['read-tree', src.base], env });
    if (src.patch.length) {
      const applied = await git.run({ cwd: src.repo, args: ['apply', '--cached', '--binary', '--whitespace=nowarn', '-'], env, input: src.patch, okCodes: [0, 1, 128] });
      if (applied.code !== 0) throw new AppError('conflict', `the change of task ${src.taskId} does not apply to its base commit: ${applied.stderr.trim().slice(0, 300)}`);
    }
    return (await git.text({ cwd: src.repo, args: ['write-tree'], env })).trim();
  } finally {
    await git.fs.rm(index);
  }
}
