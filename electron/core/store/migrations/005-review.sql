-- Review (issue #6): a change becomes visible once its capture completed; an approval in progress is
-- recorded before any file is touched (applying_at), so a change is applied at most once even across a
-- crash; reviewer comments are kept with the change.

ALTER TABLE changes ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
ALTER TABLE changes ADD COLUMN applying_at INTEGER;

CREATE TABLE change_comments (
  id          INTEGER PRIMARY KEY,
  change_id   INTEGER NOT NULL REFERENCES changes(id),
  path        TEXT NOT NULL,
  line        INTEGER NOT NULL,
  side        TEXT NOT NULL CHECK (side IN ('old','new')),
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX change_comments_change ON change_comments(change_id);
CREATE INDEX change_files_path ON change_files(change_id, path);
