-- Best-of-N task groups (issue 17): sibling tasks share one prompt, project and base commit, one per
-- agent. group_id names the group (the dispatch id, or a new id); NULL for a task on its own.
ALTER TABLE tasks ADD COLUMN group_id TEXT;
CREATE INDEX tasks_group ON tasks(group_id) WHERE group_id IS NOT NULL;
