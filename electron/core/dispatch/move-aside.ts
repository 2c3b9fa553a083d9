import { existsSync, linkSync, lstatSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Names tried for `name` in a folder: name, then name.1, name.2 ... so nothing is ever overwritten. */
export function* candidateNames(name: string): Generator<string> {
  yield name;
  for (let i = 1; ; i++) yield `${name}.${i}`;
}

/** The first free name for `name` in `destDir` (for writing a sidecar before the move). */
export function freeName(destDir: string, name: string): string {
  for (const candidate of candidateNames(name)) if (!existsSync(join(destDir, candidate))) return candidate;
  throw new Error('unreachable');
}

/**
 * Moves `src` into `destDir` under `name` (or the first free variant of it) without ever replacing a
 * file there. A hard link then unlinking the source gives an atomic no-clobber move; for entries that
 * cannot be linked (directories, some file systems) it falls back to a checked rename.
 * Returns the path it now has, or null when `src` was already gone (another event moved it).
 */
export function moveAside(src: string, destDir: string, name: string): string | null {
  for (const candidate of candidateNames(name)) {
    const dest = join(destDir, candidate);
    try {
      linkSync(src, dest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (code === 'EEXIST') {
        if (sameEntry(src, dest)) return finishLink(src, dest); // a crash between link and unlink
        continue;
      }
      if (existsSync(dest)) continue;
      try {
        renameSync(src, dest);
        return dest;
      } catch (renameErr) {
        if ((renameErr as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw renameErr;
      }
    }
    return finishLink(src, dest);
  }
  return null;
}

function finishLink(src: string, dest: string): string {
  try {
    unlinkSync(src); // the content lives on at dest
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return dest;
}

function sameEntry(a: string, b: string): boolean {
  try {
    const sa = lstatSync(a);
    const sb = lstatSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}
