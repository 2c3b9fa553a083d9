-- One order for a run's two streams (issue 12, "Live views have no gaps"): each structured event
-- records the seq of the last terminal chunk of its run pushed before it (-1: none yet). A client
-- interleaves run.output and run.event by it (shared/live/run-order.ts). Events stored before this
-- migration have -1, so they sort before the run's output.
ALTER TABLE run_events ADD COLUMN output_seq INTEGER NOT NULL DEFAULT -1;
