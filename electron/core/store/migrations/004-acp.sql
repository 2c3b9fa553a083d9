-- ACP permission requests (issue #5): one row per session/request_permission, pending until a person
-- or the policy answers it. Tool call and options are stored as the agent sent them (JSON).
CREATE TABLE permission_requests (
  id          INTEGER PRIMARY KEY,
  task_id     TEXT NOT NULL REFERENCES tasks(id),
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  session_id  TEXT,
  title       TEXT NOT NULL,
  tool_kind   TEXT,
  tool_call   TEXT NOT NULL,
  options     TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending','answered','cancelled','expired')),
  option_id   TEXT,
  decided_by  TEXT,
  created_at  INTEGER NOT NULL,
  decided_at  INTEGER
);
CREATE INDEX permission_requests_task ON permission_requests(task_id, id);
CREATE INDEX permission_requests_pending ON permission_requests(state) WHERE state = 'pending';
