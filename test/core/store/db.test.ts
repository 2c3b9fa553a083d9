import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, openDatabase, StoreError } from '../../../electron/core/store/db.js';
import { tempDir } from '../../helpers/temp.js';

const MIGRATIONS = fileURLToPath(new URL('../../../electron/core/store/migrations', import.meta.url));

describe('openDatabase', () => {
  it('creates the schema with WAL and foreign keys, and records the version', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().at(-1)!.version);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['projects', 'tasks', 'runs', 'run_output', 'changes', 'change_files', 'audit']));
    db.close();
  });

  it('applies only the migrations a database has not seen, in order', () => {
    const dir = tempDir();
    const migDir = join(dir, 'migrations');
    mkdirSync(migDir);
    copyFileSync(join(MIGRATIONS, '001-init.sql'), join(migDir, '001-init.sql'));
    const file = join(dir, 'a.db');
    openDatabase(file, { migrationsDir: migDir }).close();
    writeFileSync(join(migDir, '002-extra.sql'), 'CREATE TABLE extra (x INTEGER);');
    const db = openDatabase(file, { migrationsDir: migDir });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(1);
    db.close();
  });

  it('012 widens the task state CHECK in place for pr_opened: rows and references kept, other states still refused', () => {
    const dir = tempDir();
    const migDir = join(dir, 'migrations');
    mkdirSync(migDir);
    for (const f of loadMigrations().filter((m) => m.version < 12)) copyFileSync(join(MIGRATIONS, f.name), join(migDir, f.name));
    const file = join(dir, 'a.db');
    const old = openDatabase(file, { migrationsDir: migDir });
    old.prepare("INSERT INTO projects (dir, name, settings, created_at) VALUES ('/p', 'p', '{}', 0)").run();
    old.prepare("INSERT INTO tasks (id, project_id, prompt, agent, state, ttl_seconds, source, created_at, updated_at) VALUES ('dispatch-a', 1, 'x', 'claude', 'awaiting_review', 60, 'cli', 0, 0)").run();
    expect(() => old.prepare("UPDATE tasks SET state = 'pr_opened'").run()).toThrow(/CHECK/);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("UPDATE tasks SET state = 'pr_opened', pr = '{}' WHERE id = 'dispatch-a'").run();
    expect(db.prepare('SELECT state FROM tasks').pluck().get()).toBe('pr_opened');
    expect(() => db.prepare("UPDATE tasks SET state = 'bogus'").run()).toThrow(/CHECK/);
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'tasks'").pluck().get() as string;
    expect(sql.match(/'pr_opened'/g)).toHaveLength(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer schema, and leaves it as it was', () => {
    const dir = tempDir();
    const file = join(dir, 'a.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(StoreError);
    expect(() => openDatabase(file)).toThrow(/newer Switchboard \(schema 999/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a corrupt file and never overwrites it', () => {
    const dir = tempDir();
    const file = join(dir, 'a.db');
    const garbage = Buffer.from('this is not a database, just some bytes that someone put here '.repeat(100));
    writeFileSync(file, garbage);
    expect(() => openDatabase(file)).toThrow(/damaged or is not a Switchboard database.*left untouched/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('reports a database whose pages were damaged', () => {
    const dir = tempDir();
    const file = join(dir, 'a.db');
    const db = openDatabase(file);
    const insert = db.prepare('INSERT INTO projects (dir, name, created_at) VALUES (?, ?, 0)');
    for (let i = 0; i < 2000; i++) insert.run(`/p/${i}`, `project ${i}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xab, 4096 * 3, 4096 * 6); // smash a few pages in the middle
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(StoreError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
