-- Archive of finished tasks (issue 18 "Scale"): an archived task is hidden from tasks.list (and so the
-- board, the list and `switchboard tasks`) unless asked for; unarchiving clears it. Nothing is deleted.
ALTER TABLE tasks ADD COLUMN archived_at INTEGER;
