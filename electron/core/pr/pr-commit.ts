/**
 * Builds the pull request's commit (issue 16) from a captured change, without touching the task's
 * worktree or the project: a temporary index holds the base, the selected patch is applied to it,
 * and the tree is committed on top of the branch's last pushed commit (a follow-up adds a commit;
 * nothing is rewritten). Returns null when that tree is already what the branch holds.
 */
import { SWITCHBOARD_IDENTITY } from '../git/capture.js';
import type { GitRunner } from '../git/git-runner.js';
import { treeFromPatch } from '../git/worktree-tree.js';
import { hasIdentity } from '../review/apply-to-repo.js';
import { AppError } from '../errors.js';

export interface PrCommitInput {
  repo: string;
  taskId: string;
  baseCommit: string;
  /** The commit the branch holds on the remote already (a follow-up), else the base. */
  parent: string;
  patch: string | Buffer;
  message: string;
  tmpDir: string;
}

export async function buildPrCommit(git: GitRunner, input: PrCommitInput): Promise<string | null> {
  const tree = await treeFromPatch(git, { repo: input.repo, taskId: input.taskId, base: input.baseCommit, patch: input.patch, tmpDir: input.tmpDir });
  const parentTree = (await git.text({ cwd: input.repo, args: ['rev-parse', `${input.parent}^{tree}`] })).trim();
  if (tree === parentTree) return null;
  const identity = (await hasIdentity(git, input.repo)) ? {} : SWITCHBOARD_IDENTITY;
  return (await git.text({ cwd: input.repo, args: ['commit-tree', tree, '-p', input.parent, '-F', '-'], env: identity, input: input.message })).trim();
}

/** Pushes `commit` to `branch` on `remote`; a rejection (the branch moved there) is a readable error. */
export async function pushBranch(git: GitRunner, repo: string, remote: string, commit: string, branch: string): Promise<void> {
  const out = await git.run({ cwd: repo, args: ['push', '--porcelain', remote, `${commit}:refs/heads/${branch}`], okCodes: [0, 1, 128], timeoutMs: 5 * 60_000, env: { GIT_TERMINAL_PROMPT: '0' } });
  if (out.code === 0) return;
  const why = `${out.stdout.toString()}\n${out.stderr}`.split('\n').filter((l) => /rejected|error|fatal|!/.test(l)).slice(-4).join('\n').trim();
  const rejected = /rejected|non-fast-forward|fetch first/i.test(why);
  throw new AppError(
    'conflict',
    rejected
      ? `pushing ${branch} to ${remote} was rejected: the branch there has commits this task does not (${why}). Pull them into the task's worktree or delete the remote branch, then try again`
      : `pushing ${branch} to ${remote} failed: ${why || 'git gave no reason'}. Check that the remote exists and that you may push to it (git push works from ${repo})`,
  );
}
