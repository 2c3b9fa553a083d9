-- switchboard.json's `run` (issue 16): "run the app" in a task's worktree (a dev server, the tests).
-- One row per start; its terminal output is stored like a run's, in its own tables, so it never mixes
-- with the agent's terminal and never counts as an agent attempt.
CREATE TABLE app_runs (
  id             INTEGER PRIMARY KEY,
  task_id        TEXT NOT NULL REFERENCES tasks(id),
  command        TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('running','exited')),
  pid            INTEGER,
  pid_start_time TEXT,
  instance_id    TEXT,
  exit_code      INTEGER,
  signal         TEXT,
  started_at     INTEGER NOT NULL,
  ended_at       INTEGER
);
CREATE INDEX app_runs_task ON app_runs(task_id);

CREATE TABLE app_output (
  run_id  INTEGER NOT NULL REFERENCES app_runs(id),
  seq     INTEGER NOT NULL,
  data    BLOB NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE app_output_dropped (
  run_id   INTEGER PRIMARY KEY REFERENCES app_runs(id),
  bytes    INTEGER NOT NULL,
  chunks   INTEGER NOT NULL
);
