/**
 * The few file operations the git side does next to its git calls (temporary indexes, worktree
 * folders, files an approval deletes), for the machine a GitRunner addresses: this one (node:fs) or a
 * remote host over SSH (electron/core/remote/remote-fs.ts). Paths are absolute on that machine.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
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
}

const lexists = (p: string): boolean => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return existsSync(p);
  }
};

export const localFs: HostFs = {
  exists: async (p) => lexists(p),
  rm: async (p) => rmSync(p, { recursive: true, force: true }),
  mkdirp: async (p) => void mkdirSync(p, { recursive: true }),
  realpath: async (p) => realpathSync(p),
  async copyIndex(from, to) {
    if (!existsSync(from)) return false;
    copyFileSync(from, to);
    const { atimeMs, mtimeMs } = statSync(from);
    utimesSync(to, atimeMs / 1000, (mtimeMs - 1) / 1000);
    return true;
  },
  sizes: async (paths) =>
    paths.map((p) => {
      try {
        return lstatSync(p).size;
      } catch {
        return null;
      }
    }),
  async dirs(p) {
    try {
      return readdirSync(p, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
  },
  async rmdirIfEmpty(p) {
    try {
      rmdirSync(p);
    } catch {
      // not empty, or gone
    }
  },
  async removeFile(p, stopAt) {
    if (!lexists(p)) return;
    unlinkSync(p);
    for (let dir = dirname(p); dir.startsWith(stopAt + '/') && dir !== stopAt; dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  },
};
