/** A task's own git worktree: created on branch switchboard/<task-id>, removed after review. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import type { GitRunner } from './git-runner.js';
import type { HostFs } from './host-fs.js';

/** `<root>/<project>/<task-id>`, with the project name reduced to safe characters. */
export function worktreePathFor(root: string, projectName: string, taskId: string): string {
  const project = projectName.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_') || 'project';
  return join(root, project, taskId);
}

/**
 * A linked worktree's index file, read from its `.git` file ("gitdir: <dir>", the index is `<dir>/index`)
 * instead of asking `git rev-parse --git-path index`: capture needs it every time, and on a loaded
 * machine one more git process costs as much as the work. Null when `.git` is not such a file.
 */
export function worktreeIndexPath(worktree: string): string | null {
  try {
    const m = /^gitdir: (.+)$/m.exec(readFileSync(join(worktree, '.git'), 'utf8'));
    return m ? join(resolve(worktree, m[1].trim()), 'index') : null;
  } catch {
    return null; // a directory (a main worktree) or missing
  }
}

/** A directory is a live worktree when it has its `.git` file and git answers for it. */
export async function isWorktree(git: GitRunner, repo: string, path: string): Promise<boolean> {
  if (!(await git.fs.exists(join(path, '.git')))) return false;
  const out = await git.run({ cwd: path, repo, args: ['rev-parse', '--is-inside-work-tree'], okCodes: [0, 128] });
  return out.code === 0 && out.stdout.toString().trim() === 'true';
}

/**
 * Creates the worktree at `path` on `branch`, starting at `baseCommit`. A branch left from an earlier
 * attempt without its worktree is reset to the base; a leftover directory at `path` (inside
 * Switchboard's own worktree root) is removed first. Each git process costs the event loop a fork and
 * an exec, so `worktree prune` runs only when `add` refused (a worktree a crash left registered).
 */
export function addWorktree(git: GitRunner, repo: string, path: string, branch: string, baseCommit: string): Promise<void> {
  return git.exclusive(repo, async () => {
    await git.fs.rm(path);
    await git.fs.mkdirp(dirname(path));
    const add = ['worktree', 'add', '--quiet', '-B', branch, path, baseCommit];
    const first = await git.run({ cwd: repo, args: add, timeoutMs: 10 * 60_000, okCodes: [0, 128] });
    if (first.code === 0) return;
    // After the leftover is gone, so git forgets a worktree a crash left registered there (else `add` refuses its branch).
    await git.run({ cwd: repo, args: ['worktree', 'prune'] });
    await git.fs.rm(path);
    await git.run({ cwd: repo, args: add, timeoutMs: 10 * 60_000 });
  });
}

/** Removes a worktree (its directory and git's record of it); optionally deletes its branch too. */
export async function removeWorktree(git: GitRunner, repo: string | null, path: string, branch: string | null, deleteBranch: boolean): Promise<void> {
  if (repo && (await git.fs.exists(repo))) {
    await git.exclusive(repo, async () => {
      const removed = (await git.fs.exists(path)) ? (await git.run({ cwd: repo, args: ['worktree', 'remove', '--force', '--force', path], okCodes: [0, 128] })).code === 0 : false;
      // `remove` drops git's record itself; prune only when it could not (the folder was gone, or broken).
      if (!removed) await git.run({ cwd: repo, args: ['worktree', 'prune'], okCodes: [0, 128] });
      if (deleteBranch && branch) await git.run({ cwd: repo, args: ['branch', '-D', '--', branch], okCodes: [0, 1] });
    });
  }
  await git.fs.rm(path);
}

/** A project-relative path that stays inside the project, or null. */
export function safeRelative(p: string): string | null {
  if (!p || isAbsolute(p)) return null;
  const n = normalize(p);
  if (n === '..' || n.startsWith(`..${sep}`) || n === '.') return null;
  return n.replace(/[\\/]+$/, '');
}

/**
 * Copies the project's `copyFiles` (ignored files such as .env) from `projectDir` into `cwd`. Never
 * overwrites what the checkout already has; skips entries that are missing or point outside the project.
 * Returns the paths copied.
 */
export async function copyIgnoredFiles(fs: HostFs, projectDir: string, cwd: string, copyFiles: string[]): Promise<string[]> {
  const copied: string[] = [];
  const realProject = await fs.realpath(projectDir);
  for (const entry of copyFiles) {
    const rel = safeRelative(entry);
    if (!rel) continue;
    const src = join(projectDir, rel);
    const dst = join(cwd, rel);
    if (!(await fs.exists(src)) || (await fs.exists(dst))) continue;
    const real = await fs.realpath(src).catch(() => null); // a dangling link: nothing to copy
    if (!real || (real !== realProject && !real.startsWith(realProject + sep))) continue;
    await fs.mkdirp(dirname(dst));
    await fs.copy(real, dst);
    copied.push(rel);
  }
  return copied;
}
