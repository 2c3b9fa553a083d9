/**
 * A small filesystem to fill: a tmpfs mounted on a folder (needs root), and a filler file that takes
 * every free byte of it and can be removed to give the space back.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Mounts a tmpfs of `sizeKb` on `dir`; returns why not when it cannot (not root, no mount...). */
export function mountTmpfs(dir: string, sizeKb: number): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (err) {
    return (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
  }
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' }); // still busy: detach it
  }
}

export const freeBytes = (dir: string): number => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

/** Writes `<dir>/filler` until the filesystem refuses another byte; returns how many bytes it took. */
export function fill(dir: string): number {
  const fd = openSync(join(dir, 'filler'), 'a');
  let total = 0;
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x2e);
      for (;;) {
        try {
          total += writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

export const unfill = (dir: string): void => rmSync(join(dir, 'filler'), { force: true });
