/**
 * The project's uncommitted paths (`git status`), cached for a short time so a UI that asks often
 * does not start a git process each time. Our own writes invalidate it; safety checks ask fresh.
 */
import type { GitRunner } from './git-runner.js';

export interface StatusCache {
  /** Paths (relative to the repository root) with staged, unstaged or untracked changes. */
  dirtyPaths(repo: string, opts?: { fresh?: boolean }): Promise<Set<string>>;
  invalidate(repo: string): void;
}

export function createStatusCache(git: GitRunner, opts: { ttlMs?: number; now?: () => number } = {}): StatusCache {
  const ttl = opts.ttlMs ?? 2000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; paths: Promise<Set<string>> }>();

  const read = async (repo: string): Promise<Set<string>> => {
    const out = await git.run({ cwd: repo, args: ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules=none'] });
    const paths = new Set<string>();
    for (const entry of out.stdout.toString('utf8').split('\0')) if (entry.length > 3) paths.add(entry.slice(3));
    return paths;
  };

  return {
    dirtyPaths(repo, o = {}) {
      const hit = cache.get(repo);
      if (!o.fresh && hit && now() - hit.at < ttl) return hit.paths;
      const paths = read(repo);
      cache.set(repo, { at: now(), paths });
      paths.catch(() => cache.delete(repo));
      return paths;
    },
    invalidate: (repo) => void cache.delete(repo),
  };
}
