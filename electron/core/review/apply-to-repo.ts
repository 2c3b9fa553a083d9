/**
 * Applies an approved patch to the project's repository, all or nothing (invariant 3):
 *  1. refuse when the project has uncommitted edits (or stray files) at any path the patch touches;
 *  2. apply it to a temporary index built from the target commit: plainly, else with a 3-way merge
 *     when the base has moved; a conflict stops here, before any file of the project is touched;
 *  3. only then write the result: the touched files in the working tree ("working-tree" mode), or a
 *     commit on the target branch ("commit" mode), moved with a compare-and-set update-ref.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import type { GitRunner } from '../git/git-runner.js';
import type { HostFs } from '../git/host-fs.js';
import type { StatusCache } from '../git/status-cache.js';
import { SWITCHBOARD_IDENTITY } from '../git/capture.js';

export interface ApplyToRepo {
  taskId: string;
  /** Repository root of the project. */
  repo: string;
  patch: Buffer;
  paths: string[];
  mode: 'working-tree' | 'commit';
  /** The task's base branch: the branch to commit on in "commit" mode (default: the checked-out one). */
  targetBranch: string | null;
  message: string;
  tmpDir: string;
}

export type ApplyOutcome =
  | { ok: true; commit: string | null; threeWay: boolean }
  | { ok: false; kind: 'dirty' | 'conflict'; files: string[]; message: string };

const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };
const nul = (b: Buffer): string[] => b.toString('utf8').split('\0').filter(Boolean);

export async function applyToRepo(git: GitRunner, status: StatusCache, req: ApplyToRepo): Promise<ApplyOutcome> {
  const { repo } = req;
  const index = join(req.tmpDir, `apply-${req.taskId}-${randomBytes(4).toString('hex')}.index`);
  const env = { ...LITERAL, GIT_INDEX_FILE: index };
  const run = (args: string[], extra: { env?: Record<string, string>; input?: Buffer | string; okCodes?: number[] } = {}) =>
    git.run({ cwd: repo, args, env: extra.env, input: extra.input, okCodes: extra.okCodes });
  try {
    const current = (await run(['symbolic-ref', '-q', '--short', 'HEAD'], { okCodes: [0, 1] })).stdout.toString().trim();
    let ref = 'HEAD';
    let checkedOut = true;
    if (req.mode === 'commit') {
      const branch = req.targetBranch?.replace(/^refs\/heads\//, '') || current;
      if (!branch) throw new AppError('conflict', `task ${req.taskId}: the project ${repo} is on a detached HEAD; check out the branch to commit on, then approve again`);
      ref = `refs/heads/${branch}`;
      checkedOut = branch === current;
    }
    const tipOut = await run(['rev-parse', '--verify', '-q', `${ref}^{commit}`], { okCodes: [0, 1, 128] });
    if (tipOut.code !== 0) throw new AppError('conflict', `task ${req.taskId}: the target branch ${ref.replace('refs/heads/', '')} does not exist in ${repo}`);
    const tip = tipOut.stdout.toString().trim();

    await run(['read-tree', tip], { env });
    if (checkedOut) {
      const dirty = await status.dirtyPaths(repo, { fresh: true });
      const tracked = await lsFiles(run, req.paths, env);
      const untracked = req.paths.filter((p) => !dirty.has(p) && !tracked.has(p));
      const present = new Set((await Promise.all(untracked.map(async (p) => ((await git.fs.exists(join(repo, p))) ? p : null)))).filter(Boolean));
      const blocked = req.paths.filter((p) => dirty.has(p) || present.has(p));
      if (blocked.length) {
        return { ok: false, kind: 'dirty', files: blocked, message: `the project has uncommitted edits or untracked files at ${blocked.join(', ')}; commit, stash or move them, then approve again` };
      }
    }

    let threeWay = false;
    const plain = await run(['apply', '--cached', '--whitespace=nowarn', '-'], { env, input: req.patch, okCodes: [0, 1, 128] });
    if (plain.code !== 0) {
      threeWay = true;
      const merged = await run(['apply', '--cached', '--3way', '--whitespace=nowarn', '-'], { env, input: req.patch, okCodes: [0, 1, 128] });
      if (merged.code !== 0) {
        const unmerged = [...new Set(nul((await run(['ls-files', '-u', '-z'], { env })).stdout).map((l) => l.slice(l.indexOf('\t') + 1)))];
        const files = unmerged.length ? unmerged : failedPaths(merged.stderr, req.paths);
        return { ok: false, kind: 'conflict', files, message: `the change conflicts with the project in ${files.join(', ')}` };
      }
    }
    const tree = (await run(['write-tree'], { env })).stdout.toString().trim();

    // Last checks before anything of the project is written: a stale index lock would fail us midway.
    if (checkedOut) await refuseLockedIndex(run, git.fs, req.taskId);

    let commit: string | null = null;
    if (req.mode === 'commit') {
      const identity = await hasIdentity(git, repo) ? {} : SWITCHBOARD_IDENTITY;
      commit = (await run(['commit-tree', tree, '-p', tip, '-m', req.message], { env: identity })).stdout.toString().trim();
      const moved = await run(['update-ref', '-m', `switchboard: approve ${req.taskId}`, ref, commit, tip], { okCodes: [0, 1, 128] });
      if (moved.code !== 0) throw new AppError('conflict', `task ${req.taskId}: ${ref.replace('refs/heads/', '')} moved while approving; nothing was applied, approve again`);
    }
    // The one step: it completes, or the branch and then the files are put back as they were.
    try {
      if (commit && checkedOut) await run(['reset', '-q', '--pathspec-from-file=-', '--pathspec-file-nul'], { env: LITERAL, input: req.paths.join('\0') });
      if (checkedOut) await writeWorkingTree(run, git.fs, repo, req.paths, env);
    } catch (err) {
      await rollBack(run, git.fs, { repo, ref, tip, commit, paths: req.paths, tmpIndex: `${index}.undo`, taskId: req.taskId });
      throw new AppError('conflict', `task ${req.taskId}: the approval failed while writing the project (${(err as Error).message.split('\n')[0]}); everything was put back as it was. Fix the cause, then approve again`);
    }
    return { ok: true, commit, threeWay };
  } finally {
    status.invalidate(repo);
    await git.fs.rm(index);
  }
}

/** A leftover `.git/index.lock` makes git refuse every index write; say so before touching anything. */
async function refuseLockedIndex(run: Run, fs: HostFs, taskId: string): Promise<void> {
  const lock = (await run(['rev-parse', '--path-format=absolute', '--git-path', 'index.lock'])).stdout.toString().trim();
  if (await fs.exists(lock)) {
    throw new AppError('conflict', `task ${taskId}: ${lock} exists, so git cannot write the project's index; if no git command is running, delete that file, then approve again. Nothing was applied`);
  }
}

/**
 * Undoes a half-done approval: the branch goes back to `tip` (compare-and-set on our commit), then
 * the touched paths get tip's content back in the index and the working tree (they had no edits of
 * the user's, the dirty check made sure of it). Throws only if the project cannot be restored.
 */
async function rollBack(run: Run, fs: HostFs, u: { repo: string; ref: string; tip: string; commit: string | null; paths: string[]; tmpIndex: string; taskId: string }): Promise<void> {
  try {
    if (u.commit) await run(['update-ref', '-m', `switchboard: undo approve ${u.taskId}`, u.ref, u.tip, u.commit]);
    const env = { ...LITERAL, GIT_INDEX_FILE: u.tmpIndex };
    await run(['read-tree', u.tip], { env });
    await writeWorkingTree(run, fs, u.repo, u.paths, env);
    if (u.commit) await run(['reset', '-q', '--pathspec-from-file=-', '--pathspec-file-nul'], { env: LITERAL, input: u.paths.join('\0'), okCodes: [0, 1, 128] });
  } finally {
    await fs.rm(u.tmpIndex);
  }
}

type Run = (args: string[], extra?: { env?: Record<string, string>; input?: Buffer | string; okCodes?: number[] }) => Promise<{ stdout: Buffer }>;

/** Writes the touched paths from the temporary index into the working tree; removes those it no longer has. */
async function writeWorkingTree(run: Run, fs: HostFs, repo: string, paths: string[], env: Record<string, string>): Promise<void> {
  const present = [...(await lsFiles(run, paths, env))];
  if (present.length) await run(['checkout-index', '-f', '-z', '--stdin'], { env, input: present.join('\0') + '\0' });
  const keep = new Set(present);
  for (const p of paths) if (!keep.has(p)) await fs.removeFile(join(repo, p), repo);
}

/** Which of `paths` the (temporary) index has. A long list is filtered here rather than passed as arguments. */
async function lsFiles(run: Run, paths: string[], env: Record<string, string>): Promise<Set<string>> {
  const few = paths.length <= 1000;
  const listed = nul((await run(few ? ['ls-files', '-z', '--', ...paths] : ['ls-files', '-z'], { env })).stdout);
  if (few) return new Set(listed);
  const wanted = new Set(paths);
  return new Set(listed.filter((p) => wanted.has(p)));
}


export async function hasIdentity(git: GitRunner, repo: string): Promise<boolean> {
  const out = await git.run({ cwd: repo, args: ['var', 'GIT_COMMITTER_IDENT'], okCodes: [0, 128] });
  return out.code === 0;
}

/** Paths named in `git apply` errors ("error: patch failed: a.txt:3", "error: a.txt: does not exist in index"). */
export function failedPaths(stderr: string, candidates: string[]): string[] {
  const found = new Set<string>();
  for (const line of stderr.split('\n')) {
    const m = /^error: (?:patch failed: )?(.+?):(?:\d+$| )/.exec(line);
    if (m && candidates.includes(m[1])) found.add(m[1]);
  }
  return found.size ? [...found] : candidates;
}
