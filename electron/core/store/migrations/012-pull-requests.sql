-- Pull requests (issue 16): a task's PR (number, url, branch, head, state, checks) as JSON, and the
-- new final state pr_opened. SQLite cannot alter a CHECK constraint, and rebuilding `tasks` would
-- break the tables that reference it, so the CHECK's list is widened in place (the procedure SQLite's
-- ALTER TABLE page gives for loosening a constraint; existing rows stay valid). migrate() in db.ts
-- allows writable_schema for this and bumps schema_version.
ALTER TABLE tasks ADD COLUMN pr TEXT;

PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''applied'',''rejected''', '''applied'',''pr_opened'',''rejected''')
  WHERE type = 'table' AND name = 'tasks' AND instr(sql, '''pr_opened''') = 0;
PRAGMA writable_schema = OFF;
