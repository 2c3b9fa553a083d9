-- The foundation schema. Times are integer milliseconds since the epoch.

CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  dir         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  settings    TEXT NOT NULL DEFAULT '{}',
  created_at  INTEGER NOT NULL
);

CREATE TABLE tasks (
  seq           INTEGER PRIMARY KEY,          -- creation order; newest first = seq DESC
  id            TEXT NOT NULL UNIQUE,         -- the dispatch id
  content_hash  TEXT,                         -- hash of the dispatch that created it (exactly-once intake)
  project_id    INTEGER NOT NULL REFERENCES projects(id),
  prompt        TEXT NOT NULL,
  agent         TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('queued','preparing','running','awaiting_input','awaiting_review',
                  'applied','rejected','no_changes','failed','timed_out','cancelled','interrupted')),
  priority      INTEGER NOT NULL DEFAULT 0,
  ttl_seconds   INTEGER NOT NULL,
  source        TEXT NOT NULL,
  dispatched_by TEXT,
  in_place      INTEGER NOT NULL DEFAULT 0,
  base_branch   TEXT,
  base_commit   TEXT,
  branch        TEXT,
  worktree_path TEXT,
  callback_url  TEXT,
  retry_count   INTEGER NOT NULL DEFAULT 0,
  not_before    INTEGER,                      -- retry backoff: not scheduled before this time
  error_type    TEXT,
  error         TEXT,
  meta          TEXT NOT NULL DEFAULT '{}',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  started_at    INTEGER,
  ended_at      INTEGER
);
CREATE INDEX tasks_project_seq ON tasks(project_id, seq);
CREATE INDEX tasks_state_seq ON tasks(state, seq);

CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  task_id        TEXT NOT NULL REFERENCES tasks(id),
  attempt        INTEGER NOT NULL,
  agent          TEXT NOT NULL,
  transport      TEXT NOT NULL CHECK (transport IN ('pty','acp')),
  state          TEXT NOT NULL CHECK (state IN ('starting','running','exited','interrupted')),
  pid            INTEGER,
  pid_start_time TEXT,
  instance_id    TEXT,                        -- which Switchboard process owned it
  exit_code      INTEGER,
  signal         TEXT,
  error_type     TEXT,
  error          TEXT,
  session_id     TEXT,
  flags          TEXT NOT NULL DEFAULT '[]',
  started_at     INTEGER NOT NULL,
  ended_at       INTEGER,
  UNIQUE (task_id, attempt)
);
CREATE INDEX runs_task ON runs(task_id);

-- Terminal output, append-only per run. The per-run cap drops the oldest chunks; runs_output_dropped
-- remembers how much went so the replay starts with a marker.
CREATE TABLE run_output (
  run_id  INTEGER NOT NULL REFERENCES runs(id),
  seq     INTEGER NOT NULL,
  data    BLOB NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE run_output_dropped (
  run_id   INTEGER PRIMARY KEY REFERENCES runs(id),
  bytes    INTEGER NOT NULL,
  chunks   INTEGER NOT NULL
);

-- Structured run events: Claude stream-json messages, ACP session/update notifications.
CREATE TABLE run_events (
  run_id  INTEGER NOT NULL REFERENCES runs(id),
  seq     INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  data    TEXT NOT NULL,
  ts      INTEGER NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

-- Captured changes awaiting review, and their files (fetched one at a time by the UI).
CREATE TABLE changes (
  id           INTEGER PRIMARY KEY,
  task_id      TEXT NOT NULL REFERENCES tasks(id),
  run_id       INTEGER REFERENCES runs(id),
  base_commit  TEXT,
  head_commit  TEXT,
  state        TEXT NOT NULL CHECK (state IN ('pending','applied','partially_applied','rejected','superseded')),
  files_count  INTEGER NOT NULL,
  additions    INTEGER NOT NULL,
  deletions    INTEGER NOT NULL,
  review       TEXT NOT NULL DEFAULT '{}',
  created_at   INTEGER NOT NULL,
  decided_at   INTEGER
);
CREATE INDEX changes_task ON changes(task_id);

CREATE TABLE change_files (
  change_id  INTEGER NOT NULL REFERENCES changes(id),
  idx        INTEGER NOT NULL,
  path       TEXT NOT NULL,
  old_path   TEXT,
  status     TEXT NOT NULL,                  -- added | modified | deleted | renamed | copied | mode
  binary     INTEGER NOT NULL DEFAULT 0,
  size       INTEGER,
  additions  INTEGER NOT NULL DEFAULT 0,
  deletions  INTEGER NOT NULL DEFAULT 0,
  old_mode   TEXT,
  new_mode   TEXT,
  patch      BLOB NOT NULL,
  PRIMARY KEY (change_id, idx)
) WITHOUT ROWID;

-- Append-only audit trail. Triggers make UPDATE and DELETE fail.
CREATE TABLE audit (
  seq      INTEGER PRIMARY KEY,
  ts       INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  task_id  TEXT,
  actor    TEXT NOT NULL,
  data     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_task ON audit(task_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
