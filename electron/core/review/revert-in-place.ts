/**
 * For a task that ran in the project directory itself, the change is already on disk. Approving part
 * of it, or rejecting it, puts the left-out part back as the snapshot had it: the reverse patch is
 * checked first and then applied in one `git apply`, so a file the user has edited since blocks the
 * whole revert and nothing is changed.
 */
import type { GitRunner } from '../git/git-runner.js';
import { failedPaths, type ApplyOutcome } from './apply-to-repo.js';

export async function revertInPlace(git: GitRunner, loc: { cwd: string; globalArgs: string[] }, patch: Buffer, paths: string[]): Promise<ApplyOutcome> {
  if (!patch.length) return { ok: true, commit: null, threeWay: false };
  const args = (extra: string[]) => [...loc.globalArgs, 'apply', '-R', '--whitespace=nowarn', ...extra, '-'];
  const check = await git.run({ cwd: loc.cwd, args: args(['--check']), input: patch, okCodes: [0, 1, 128] });
  if (check.code !== 0) {
    const files = failedPaths(check.stderr, paths);
    return { ok: false, kind: 'conflict', files, message: `the project's files changed since the agent's run in ${files.join(', ')}; nothing was reverted` };
  }
  await git.run({ cwd: loc.cwd, args: args([]), input: patch });
  return { ok: true, commit: null, threeWay: false };
}
