-- The dispatch inbox (issue #3): completion reports written, and the callback outbox.

-- One row per completion report written for a task. task_ended_at is the task's ended_at the report
-- describes, so a task that ends again after a retry gets a fresh report, and start-up can find final
-- tasks whose report was never written (the app stopped in between).
CREATE TABLE dispatch_reports (
  task_id        TEXT PRIMARY KEY REFERENCES tasks(id),
  status         TEXT NOT NULL,
  task_ended_at  INTEGER,
  path           TEXT NOT NULL,
  written_at     INTEGER NOT NULL
);

-- Callbacks to POST, with their retry schedule, so a restart resumes them (invariant 4).
-- report_key makes enqueueing idempotent: one delivery per report, however often it is rewritten.
CREATE TABLE callback_outbox (
  id               INTEGER PRIMARY KEY,
  report_key       TEXT NOT NULL UNIQUE,
  dispatch_id      TEXT NOT NULL,
  url              TEXT NOT NULL,
  body             TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending','delivered','failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX callback_outbox_due ON callback_outbox(state, next_attempt_at);
CREATE INDEX callback_outbox_dispatch ON callback_outbox(dispatch_id);
