/**
 * One writer per home (issue 12). Before anything else (recovery, the store, the inbox), a process
 * that will serve a home takes `<home>/instance.lock`: an SQLite file held in EXCLUSIVE locking
 * mode, which is an OS file lock (fcntl on POSIX, LockFileEx on Windows) that lasts as long as the
 * connection and that the OS releases when the process dies, however it dies. A second start finds
 * the lock held and exits with the running instance's URL, touching nothing. Two starts at the same
 * moment cannot both win, and a busy instance that answers slowly is never taken for a dead one.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import type { HomePaths } from '../core/home.js';
import { findLiveServer, type ServerInfo } from './server-info.js';

export interface HomeLock {
  release(): void;
}

/** Takes the home's lock, or returns null when another live process holds it. */
export function tryLockHome(paths: HomePaths): HomeLock | null {
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  const db = new Database(paths.instanceLock, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in EXCLUSIVE mode it is kept after the commit.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') return null;
    throw new AppError('unavailable', `cannot lock ${paths.instanceLock}: ${(err as Error).message}. Check that the home is writable.`);
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}

/**
 * Takes the lock or throws a `conflict` naming the instance that holds it (its URL from server.json,
 * waiting a moment for one that is still starting).
 */
export async function lockHome(paths: HomePaths, waitForUrlMs = 5000): Promise<HomeLock> {
  const lock = tryLockHome(paths);
  if (lock) return lock;
  let info: ServerInfo | null = findLiveServer(paths.serverInfo);
  for (const until = Date.now() + waitForUrlMs; !info && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 100));
    info = findLiveServer(paths.serverInfo);
  }
  const where = info ? ` (pid ${info.pid}, ${info.url})` : ' (it is still starting)';
  throw new AppError('conflict', `Switchboard is already running for ${paths.root}${where}. Stop it first, or use another --home.`);
}
