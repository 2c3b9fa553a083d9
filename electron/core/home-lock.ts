/**
 * One writer per home: an OS lock held for the life of the process that runs the core.
 *
 * The lock is SQLite's own file lock on `<home>/instance.lock`, a tiny database opened with
 * `PRAGMA locking_mode = EXCLUSIVE` and written once, which makes SQLite take and keep an exclusive
 * lock (fcntl on POSIX, LockFileEx on Windows) until the connection closes
 * (https://sqlite.org/pragma.html#pragma_locking_mode). The operating system drops it when the
 * process ends, however it ends, so a crash never leaves a stale lock behind, and a second process
 * asking for it gets SQLITE_BUSY at once (busy timeout 0). No probe, no timeout, no race: of two
 * starts at the same moment exactly one gets the lock.
 *
 * Shells take it before anything else (before the store is opened or recovery runs); the loser
 * touches nothing and reports the running instance's URL from server.json.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from './errors.js';

export interface HomeLock {
  readonly file: string;
  /** Drops the lock (it also drops when the process ends). Safe to call twice. */
  release(): void;
}

export const lockFile = (root: string): string => join(root, 'instance.lock');

/** Takes the home's lock, or returns null when another live process holds it. */
export function tryLockHome(root: string): HomeLock | null {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const file = lockFile(root);
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: 0 });
  } catch (err) {
    throw new AppError('unavailable', `cannot open the instance lock ${file}: ${(err as Error).message}. Check that the home is writable.`);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // journal_mode=DELETE: WAL would share the file through its shared-memory index instead of locking it.
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL)');
    // The first write takes the exclusive lock; locking_mode EXCLUSIVE keeps it after the commit.
    db.prepare('INSERT INTO holder (id, pid) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET pid = excluded.pid').run(process.pid);
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY') || (err as { code?: string }).code?.startsWith('SQLITE_LOCKED')) return null;
    throw new AppError('unavailable', `cannot take the instance lock ${file}: ${(err as Error).message}`);
  }
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      db.close();
    },
  };
}
