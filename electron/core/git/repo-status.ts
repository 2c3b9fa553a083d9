/**
 * A project's repository at a glance (issue 18, Projects in the UI): branch, dirty files and
 * ahead/behind its upstream, from one `git status --porcelain=v2 --branch` call on the project's
 * machine (the GitRunner runs it over ssh for a host). Asked when a person opens or refocuses a
 * project, never on a timer.
 */
import { AppError } from '../errors.js';
import type { GitRunner } from './git-runner.js';
import { GitError } from './git-runner.js';

export interface RepoState {
  branch: string | null;
  head: string | null;
  dirty: number;
  upstream: string | null;
  ahead: number;
  behind: number;
}

/** Parses `git status --porcelain=v2 --branch -z` output. */
export function parseStatusV2(out: string): RepoState {
  const state: RepoState = { branch: null, head: null, dirty: 0, upstream: null, ahead: 0, behind: 0 };
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (!f) continue;
    if (f.startsWith('# branch.oid ')) {
      const oid = f.slice(13);
      state.head = oid === '(initial)' ? null : oid;
    } else if (f.startsWith('# branch.head ')) {
      const head = f.slice(14);
      state.branch = head === '(detached)' ? null : head;
    } else if (f.startsWith('# branch.upstream ')) state.upstream = f.slice(18);
    else if (f.startsWith('# branch.ab ')) {
      const m = /^\+(\d+) -(\d+)$/.exec(f.slice(12));
      if (m) [state.ahead, state.behind] = [Number(m[1]), Number(m[2])];
    } else if (f.startsWith('#')) continue;
    else {
      state.dirty++;
      // A rename or copy entry is followed by the original path in a field of its own.
      if (f.startsWith('2 ')) i++;
    }
  }
  return state;
}

/**
 * Reads the repository state of `dir`, or throws an AppError a person can act on: the folder is
 * missing, or is not in a git repository. `where` names the project in messages ("project shop").
 */
export async function readRepoState(git: GitRunner, dir: string, where: string): Promise<RepoState> {
  let out;
  try {
    out = await git.run({ cwd: dir, args: ['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all'], okCodes: [0, 128], timeoutMs: 30_000 });
  } catch (err) {
    if (err instanceof GitError) throw new AppError('unavailable', `${where}: could not read the repository status of ${dir}: ${err.message}`);
    throw err;
  }
  if (out.code === 0) return parseStatusV2(out.stdout.toString('utf8'));
  const stderr = out.stderr.trim();
  if (/cannot change to|No such file or directory/i.test(stderr)) {
    throw new AppError('not_found', `${where}: the folder ${dir} does not exist; it may have been moved or deleted. Add the project again from its new place`);
  }
  if (/not a git repository/i.test(stderr)) {
    throw new AppError('invalid_input', `${where}: ${dir} is not in a git repository; run \`git init\` there (tasks need git to make their worktrees)`);
  }
  throw new AppError('unavailable', `${where}: git status failed in ${dir}: ${stderr.split('\n').pop() || `exit code ${out.code}`}`);
}
