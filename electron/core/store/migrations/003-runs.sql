-- The scheduler's queue order: queued tasks by priority (highest first), then oldest first.
CREATE INDEX IF NOT EXISTS tasks_queue ON tasks(state, priority DESC, seq);
