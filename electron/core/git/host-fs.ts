/**
 * The few file operations the git side does next to its git calls (temporary indexes, worktree
 * folders, files an approval deletes), for the machine a GitRunner addresses: this one (node:fs) or a
 * remote host over SSH (electron/core/remote/remote-fs.ts). Paths are absolute on that machine.
 */
import { copyFile, cp, lstat, mkdir, readdir, readFile, realpath, rm, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface HostFs {
  /** Whether something (a dangling symlink too) is at `path`. */
  exists(path: string): Promise<boolean>;
  /** Removes a file or a whole folder; nothing there is fine. */
  rm(path: string): Promise<void>;
  mkdirp(path: string): Promise<void>;
  realpath(path: string): Promise<string>;
  /**
   * Copies a git index keeping its timestamp (a shade older: git trusts cached stat data only for
   * files older than the index, so a fresh mtime would hide an edit of the same clock tick).
   * False when `from` does not exist.
   */
  copyIndex(from: string, to: string): Promise<boolean>;
  /** Sizes in bytes (null where nothing is there), all in one go: on a host, one round trip for every binary file of a capture. */
  sizes(paths: string[]): Promise<(number | null)[]>;
  /** The names of the folders in `path` (none when it is missing). */
  dirs(path: string): Promise<string[]>;
  /** Removes the folder `path` when it is empty; anything else leaves it. */
  rmdirIfEmpty(path: string): Promise<void>;
  /** Deletes a file, then its parent folders that became empty, up to (not including) `stopAt`. */
  removeFile(path: string, stopAt: string): Promise<void>;
  /** A text file's content, or null when nothing is there (switchboard.json). */
  readText(path: string): Promise<string | null>;
  /** Copies a file or a whole folder, keeping timestamps; `to`'s parent must exist (copyFiles into a worktree). */
  copy(from: string, to: string): Promise<void>;
}

/** Whether something (a dangling symlink too) is at `p`. */
const lexists = async (p: string): Promise<boolean> => {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
};

/** This machine's files, through node:fs/promises: a recursive removal of a worktree never blocks the event loop. */
export const localFs: HostFs = {
  exists: lexists,
  rm: (p) => rm(p, { recursive: true, force: true, maxRetries: 2 }),
  mkdirp: async (p) => void (await mkdir(p, { recursive: true })),
  realpath: (p) => realpath(p),
  async copyIndex(from, to) {
    let st;
    try {
      st = await stat(from);
    } catch {
      return false;
    }
    await copyFile(from, to);
    await utimes(to, st.atimeMs / 1000, (st.mtimeMs - 1) / 1000);
    return true;
  },
  sizes: (paths) => Promise.all(paths.map((p) => lstat(p).then((st) => st.size, () => null))),
  async dirs(p) {
    try {
      return (await readdir(p, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
  },
  async rmdirIfEmpty(p) {
    try {
      await rmdir(p);
    } catch {
      // not empty, or gone
    }
  },
  async removeFile(p, stopAt) {
    if (!(await lexists(p))) return;
    await unlink(p);
    for (let dir = dirname(p); dir.startsWith(stopAt + '/') && dir !== stopAt; dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
    }
  },
  async readText(p) {
    try {
      return await readFile(p, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  },
  // Asynchronous: a copied folder (node_modules) must not hold up the event loop.
  copy: async (from, to) => cp(from, to, { recursive: (await lstat(from)).isDirectory(), preserveTimestamps: true }),
};
