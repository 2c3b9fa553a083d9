import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

/** Raised when the database cannot be opened; the message says why and what to do. The file is never touched. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Numbered `NNN-name.sql` files, applied in order. The build copies them next to the compiled code. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

export interface OpenOptions {
  migrationsDir?: string;
  readonly?: boolean;
}

/**
 * Opens (or creates) the store: WAL, foreign keys, migrations recorded in user_version.
 * A database from a newer schema, or a file that is not a healthy SQLite database, is refused with a
 * StoreError and left exactly as it was.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const migrations = loadMigrations(opts.migrationsDir);
  const latest = migrations.at(-1)?.version ?? 0;
  const existed = file !== ':memory:' && existsSync(file);
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (err) {
    throw new StoreError(`cannot open the task store ${file}: ${(err as Error).message}`);
  }
  try {
    if (existed) checkIntegrity(db, file);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      throw new StoreError(
        `the task store ${file} was written by a newer Switchboard (schema ${version}; this build knows up to ${latest}). ` +
          'Upgrade Switchboard, or use another home with --home.',
      );
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) migrate(db, migrations, version);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot open the task store ${file}: ${(err as Error).message}`);
  }
}

function checkIntegrity(db: Db, file: string): void {
  let result: unknown;
  try {
    result = db.pragma('quick_check', { simple: true });
  } catch (err) {
    throw corrupt(file, (err as Error).message);
  }
  if (result !== 'ok') throw corrupt(file, String(result));
}

const corrupt = (file: string, why: string): StoreError =>
  new StoreError(
    `the task store ${file} is damaged or is not a Switchboard database (${why}). It was left untouched: ` +
      'move it aside (or restore a backup) and start again to get a fresh store.',
  );

function migrate(db: Db, migrations: Migration[], from: number): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    // A migration that edits the schema text (writable_schema: widening a CHECK) needs defensive
    // mode off for its transaction and a new schema_version so every connection re-reads the schema.
    const editsSchema = /PRAGMA\s+writable_schema\s*=\s*ON/i.test(m.sql);
    // A migration that rebuilds a referenced table (SQLite's 12-step ALTER) runs with foreign keys off,
    // which only takes effect outside a transaction, and checks them all before it commits.
    const rebuilds = /^--\s*switchboard:\s*foreign_keys off\s*$/im.test(m.sql);
    if (editsSchema) db.unsafeMode(true);
    if (rebuilds) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (rebuilds && (db.pragma('foreign_key_check') as unknown[]).length) throw new Error(`migration ${m.version} left rows whose references are broken`);
        if (editsSchema) db.pragma(`schema_version = ${Number(db.pragma('schema_version', { simple: true })) + 1}`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (editsSchema) db.unsafeMode(false);
      if (rebuilds) db.pragma('foreign_keys = ON');
    }
    if (editsSchema && db.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error(`migration ${m.version} left the schema inconsistent`);
  }
}
