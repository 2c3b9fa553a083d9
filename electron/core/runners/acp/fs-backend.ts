/**
 * What the ACP file rules (worktree-fs.ts) need from a file system: one look at a path, a read, and an
 * atomic write. This machine's backend is node:fs; a host's is a few sh scripts over ssh
 * (remote/remote-acp-fs.ts), so the same confinement rules decide on both.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What one look at a path tells. */
export interface PathFacts {
  /** Something is there (lstat: a dangling symlink counts). */
  exists: boolean;
  /** Its real path, when it resolves; null when it does not (missing, dangling). */
  real: string | null;
  /** What the real path is. */
  kind: 'file' | 'dir' | 'other' | null;
  size: number;
  /** Permission bits of the real path (0 when there is none). */
  mode: number;
  /** When `real` is null: the nearest ancestor that exists, and its real path. */
  nearest: { dir: string; realDir: string | null } | null;
}

export interface FsBackend {
  realpath(path: string): Promise<string>;
  facts(abs: string): Promise<PathFacts>;
  readText(real: string): Promise<string>;
  /**
   * Writes `content` to `target`: into a new temp file beside it (created exclusively, so never
   * through a link), then, if the folder's real path is still `dirname(target)`, renamed over the
   * target. Creates missing folders first. Returns the folder's real path when it changed (and
   * nothing was written), else null.
   */
  writeAtomic(target: string, content: string, mode: number | null): Promise<string | null>;
}

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException)?.code;
const missing = (err: unknown): null => {
  if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return null;
  throw err;
};

export const localFsBackend: FsBackend = {
  realpath: (p) => realpath(p),
  async facts(abs) {
    const exists = (await lstat(abs).catch(missing)) != null;
    const real = exists ? await realpath(abs).catch(missing) : null;
    const st = real ? await stat(real) : null;
    let nearest: PathFacts['nearest'] = null;
    if (!real) {
      let dir = dirname(abs);
      while (!(await lstat(dir).catch(() => null))) dir = dirname(dir);
      nearest = { dir, realDir: await realpath(dir).catch(() => null) };
    }
    const kind = st ? (st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other') : null;
    return { exists, real, kind, size: st?.size ?? 0, mode: st ? st.mode & 0o7777 : 0, nearest };
  },
  readText: (real) => readFile(real, 'utf8'),
  async writeAtomic(target, content, mode) {
    const dir = dirname(target);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.switchboard-write-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    await writeFile(tmp, content, { flag: 'wx', mode: mode ?? 0o666 });
    try {
      const folder = await realpath(dir);
      if (folder !== dir) {
        await unlink(tmp).catch(() => {});
        return folder;
      }
      await rename(tmp, target);
      return null;
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
  },
};
