/**
 * The durable queue is the tasks table itself: `queued` tasks whose backoff (`not_before`) has passed,
 * highest priority first, then oldest first. Reads only; claiming goes through transition().
 */
import type { Db } from '../store/index.js';

export interface QueuedTask {
  id: string;
  projectId: number;
  agent: string;
}

export function createQueue(db: Db) {
  const byExclusions = new Map<number, ReturnType<typeof prepareNext>>();
  function prepareNext(excluded: number) {
    const notIn = excluded ? `AND project_id NOT IN (${Array(excluded).fill('?').join(',')})` : '';
    return db.prepare<unknown[], { id: string; project_id: number; agent: string }>(
      `SELECT id, project_id, agent FROM tasks
       WHERE state = 'queued' AND (not_before IS NULL OR not_before <= ?) ${notIn}
       ORDER BY priority DESC, seq LIMIT 1`,
    );
  }
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
      return row ? { id: row.id, projectId: row.project_id, agent: row.agent } : null;
    },
    /** When the earliest backed-off task becomes eligible, or null. */
    nextWakeAt: (now: number): number | null => nextWake.get(now)?.t ?? null,
  };
}
export type Queue = ReturnType<typeof createQueue>;
