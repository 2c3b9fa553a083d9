-- The completion reports of best-of-N groups (issue 17), written once every sibling has ended.
-- ended_at is the latest sibling's ended_at the report describes, so a group whose sibling ends again
-- (a retry) gets a fresh report, and start-up finds finished groups whose report was never written.
CREATE TABLE group_reports (
  group_id    TEXT PRIMARY KEY,
  status      TEXT NOT NULL,
  ended_at    INTEGER,
  path        TEXT NOT NULL,
  written_at  INTEGER NOT NULL
);
