-- Interactive runs (issue 11): the agent's own TUI ran in the terminal and the person typed to it.
-- Such a run stays running until the agent exits or the person presses Done (tasks.done).
ALTER TABLE runs ADD COLUMN interactive INTEGER NOT NULL DEFAULT 0;
