/**
 * The durable queue is the tasks table itself: `queued` tasks whose backoff (`not_before`) has passed,
 * highest priority first, then oldest first. Reads only; claiming goes through transition().
 */
import type { Db } from '../store/index.js';

/**
 * An in-place task edits the project folder itself, so only one may hold a folder at a time: from
 * when it starts until its change is decided (its edits sit in the folder while it awaits review).
 * Another in-place task of the same folder waits (issue 12: two at once captured each other's edits).
 */
const HOLDING_STATES = "('preparing', 'running', 'awaiting_input', 'awaiting_review')";
const IN_PLACE_HOLDER = `SELECT 1 FROM tasks o WHERE o.project_id = t.project_id AND o.in_place = 1 AND o.id != t.id AND o.state IN ${HOLDING_STATES}`;

export interface QueuedTask {
  id: string;
  projectId: number;
  agent: string;
  /** The host its project lives on (issue 14), null for this machine. */
  host: string | null;
}

export function createQueue(db: Db) {
  const byExclusions = new Map<number, ReturnType<typeof prepareNext>>();
  function prepareNext(excluded: number) {
    const notIn = excluded ? `AND project_id NOT IN (${Array(excluded).fill('?').join(',')})` : '';
    return db.prepare<unknown[], { id: string; project_id: number; agent: string; host: string }>(
      `SELECT id, project_id, agent, (SELECT host FROM projects p WHERE p.id = t.project_id) AS host FROM tasks t
       WHERE state = 'queued' AND (not_before IS NULL OR not_before <= ?) ${notIn}
         AND NOT (t.in_place = 1 AND EXISTS (${IN_PLACE_HOLDER}))
       ORDER BY priority DESC, seq LIMIT 1`,
    );
  }
  const holder = db.prepare<[string], { id: string; state: string }>(
    `SELECT o.id, o.state FROM tasks t JOIN tasks o ON o.project_id = t.project_id AND o.in_place = 1 AND o.id != t.id
     AND o.state IN ${HOLDING_STATES} WHERE t.id = ? AND t.in_place = 1 ORDER BY o.seq LIMIT 1`,
  );
  const nextWake = db.prepare<[number], { t: number | null }>("SELECT MIN(not_before) AS t FROM tasks WHERE state = 'queued' AND not_before > ?");

  return {
    /** The next task to start, skipping projects that are at their limit. */
    next(now: number, busyProjects: number[]): QueuedTask | null {
      let stmt = byExclusions.get(busyProjects.length);
      if (!stmt) {
        stmt = prepareNext(busyProjects.length);
        byExclusions.set(busyProjects.length, stmt);
      }
      const row = stmt.get(now, ...busyProjects);
      return row ? { id: row.id, projectId: row.project_id, agent: row.agent, host: row.host || null } : null;
    },
    /** The in-place task that holds this in-place task's folder, if any. */
    inPlaceHolder: (taskId: string): { id: string; state: string } | null => holder.get(taskId) ?? null,
    /** When the earliest backed-off task becomes eligible, or null. */
    nextWakeAt: (now: number): number | null => nextWake.get(now)?.t ?? null,
  };
}
export type Queue = ReturnType<typeof createQueue>;
