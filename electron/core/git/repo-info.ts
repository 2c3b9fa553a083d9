/** What git says about a project directory: its repository root and where the project sits in it. */
import { relative } from 'node:path';
import { AppError } from '../errors.js';
import type { GitRunner } from './git-runner.js';

export interface RepoInfo {
  /** The repository's top-level directory. */
  root: string;
  /** The project dir relative to root ('' when they are the same). */
  prefix: string;
  /** The commit HEAD is at (asked in the same git call: a task's default base). */
  head: string;
}

/** The repository holding `dir`, or null when it is not in a git repository or has no commit yet. */
export async function findRepo(git: GitRunner, dir: string): Promise<RepoInfo | null> {
  const out = await git.run({ cwd: dir, args: ['rev-parse', '--show-toplevel', '--verify', '-q', 'HEAD^{commit}'], okCodes: [0, 1, 128] });
  if (out.code !== 0) return null;
  const [top, head] = out.stdout.toString('utf8').split('\n');
  if (!top || !head) return null;
  const root = await git.fs.realpath(top);
  return { root, prefix: relative(root, await git.fs.realpath(dir)), head: head.trim() };
}

/** Resolves the commit a task starts from: its base branch when given, else HEAD (findRepo's, with no second git call). */
export async function resolveBase(git: GitRunner, repo: RepoInfo, taskId: string, baseBranch: string | null): Promise<string> {
  if (baseBranch == null && repo.head) return repo.head;
  const root = repo.root;
  const rev = baseBranch ?? 'HEAD';
  if (baseBranch != null && (!/^[\w./@+-]+$/.test(baseBranch) || baseBranch.startsWith('-') || baseBranch.includes('..'))) {
    throw new AppError('invalid_input', `task ${taskId}: base branch "${baseBranch}" is not a valid branch name`);
  }
  const out = await git.run({ cwd: root, args: ['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], okCodes: [0, 1, 128] });
  if (out.code !== 0) {
    throw new AppError('invalid_input', `task ${taskId}: base branch "${rev}" does not exist in ${root}; create it or dispatch without base_branch`);
  }
  return out.stdout.toString('utf8').trim();
}

/** The branch a task's worktree uses: switchboard/<task-id>, made a valid ref name. */
export function branchFor(taskId: string): string {
  const safe = taskId.replace(/\.{2,}/g, '-').replace(/(\.lock)+$/i, '-lock').replace(/\.+$/, '-');
  return `switchboard/${safe}`;
}
