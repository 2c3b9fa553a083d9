-- Remote hosts (issue 14): a project lives on this machine (host '') or on a host named in
-- config.json's `hosts`, and is keyed by host plus path, so /srv/shop on two boxes are two projects.
-- SQLite cannot change a UNIQUE constraint in place, so `projects` is rebuilt the way SQLite's
-- ALTER TABLE page describes (new table, copy, drop, rename). The directive below makes migrate()
-- in db.ts run this with foreign keys off and check them (PRAGMA foreign_key_check) before commit.
-- switchboard: foreign_keys off
CREATE TABLE projects_new (
  id          INTEGER PRIMARY KEY,
  host        TEXT NOT NULL DEFAULT '',
  dir         TEXT NOT NULL,
  name        TEXT NOT NULL,
  settings    TEXT NOT NULL DEFAULT '{}',
  created_at  INTEGER NOT NULL,
  UNIQUE (host, dir)
);
INSERT INTO projects_new (id, host, dir, name, settings, created_at) SELECT id, '', dir, name, settings, created_at FROM projects;
DROP TABLE projects;
ALTER TABLE projects_new RENAME TO projects;
