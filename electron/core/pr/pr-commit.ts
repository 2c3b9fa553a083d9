/**
 * Builds the pull request's commit (issue 16) from a captured change, without touching the task's
 * worktree or the project: a temporary index holds the base, the selected patch is applied to it,
 * and the tree is committed on top of the branch's last pushed commit (a follow-up adds a commit;
 * nothing is rewritten). Returns null when that tree is already what the branch holds.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SWITCHBOARD_IDENTITY } from '../git/capture.js';
import type { GitRunner } from '../git/git-runner.js';
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
  const index = join(input.tmpDir, `pr-${input.taskId}-${process.pid}-${Date.now()}.index`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await git.run({ cwd: input.repo, args: ['read-tree', input.baseCommit], env });
    const applied = await git.run({ cwd: input.repo, args: ['apply', '--cached', '--binary', '--whitespace=nowarn', '-'], env, input: input.patch, okCodes: [0, 1, 128] });
    if (applied.code !== 0) throw new AppError('conflict', `the change of task ${input.taskId} does not apply to its base commit: ${applied.stderr.trim().slice(0, 300)}`);
    const tree = (await git.text({ cwd: input.repo, args: ['write-tree'], env })).trim();
    const parentTree = (await git.text({ cwd: input.repo, args: ['rev-parse', `${input.parent}^{tree}`] })).trim();
    if (tree === parentTree) return null;
    const identity = (await hasIdentity(git, input.repo)) ? {} : SWITCHBOARD_IDENTITY;
    return (await git.text({ cwd: input.repo, args: ['commit-tree', tree, '-p', input.parent, '-F', '-'], env: identity, input: input.message })).trim();
  } finally {
    rmSync(index, { force: true });
  }
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
