-- Usage and cost per run (issue 11): what the agent reported (Claude's result, ACP usage_update and
-- prompt usage, codex's turn.completed), written when the run ends. One row per run that reported any.

CREATE TABLE run_usage (
  run_id              INTEGER PRIMARY KEY REFERENCES runs(id),
  task_id             TEXT NOT NULL REFERENCES tasks(id),
  agent               TEXT NOT NULL,
  model               TEXT,
  input_tokens        INTEGER NOT NULL DEFAULT 0,
  output_tokens       INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens   INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens  INTEGER NOT NULL DEFAULT 0,
  cost                REAL,
  cost_currency       TEXT,
  context_used        INTEGER,
  context_size        INTEGER,
  recorded_at         INTEGER NOT NULL
);
CREATE INDEX run_usage_task ON run_usage(task_id);
CREATE INDEX run_usage_agent ON run_usage(agent);
