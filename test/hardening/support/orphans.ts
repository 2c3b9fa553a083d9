/**
 * Agent processes nobody owns: a fake-claude that is alive (its pid file says so) but belongs to no
 * live run of the running instance. A process just being started is given a moment to be recorded.
 */
import { livePids } from '../../fixtures/fake-claude-kit.js';
import type { World } from './crash-world.js';

const ownedPids = (world: World): Set<number> => {
  const db = world.db();
  try {
    return new Set(db.prepare("SELECT pid FROM runs WHERE state IN ('starting','running') AND pid IS NOT NULL").pluck().all() as number[]);
  } finally {
    db.close();
  }
};

/** Pids of agents still alive and unowned after `graceMs` of looking again. */
export async function orphanAgents(world: World, graceMs = 2000): Promise<number[]> {
  const until = Date.now() + graceMs;
  for (;;) {
    const owned = ownedPids(world);
    const orphans = livePids(world.pidDir).filter((pid) => !owned.has(pid));
    if (!orphans.length || Date.now() > until) return orphans;
    await new Promise((r) => setTimeout(r, 100));
  }
}
