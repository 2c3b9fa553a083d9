import { join } from 'node:path';
import { ACTIVE_STATES } from '../../../shared/models/task.js';
import type { Store } from '../store/index.js';
import { writeFileAtomicSync } from './atomic-write.js';

/** `<dispatch>/.daemon-heartbeat`: what an orchestrator reads to know the inbox is being served. */
export interface Heartbeat {
  ts: string;
  active: number;
  queued: number;
  pid: number;
  version: string;
}

export interface HeartbeatDeps {
  store: Store;
  version: string;
  dirs(): string[];
  intervalMs: number;
  log(message: string): void;
}

/** Writes the heartbeat into every watched folder now and then every intervalMs (issue #3: 30 s). */
export function createHeartbeat(deps: HeartbeatDeps): { beat(): void; start(): void; dispose(): void } {
  let timer: NodeJS.Timeout | null = null;
  const beat = (): void => {
    const counts = deps.store.tasks.counts();
    const body: Heartbeat = {
      ts: new Date().toISOString(),
      active: ACTIVE_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0),
      queued: counts.queued ?? 0,
      pid: process.pid,
      version: deps.version,
    };
    for (const dir of deps.dirs()) {
      try {
        writeFileAtomicSync(join(dir, '.daemon-heartbeat'), `${JSON.stringify(body)}\n`, { fsync: false });
      } catch (err) {
        deps.log(`cannot write the heartbeat in ${dir}: ${(err as Error).message}`);
      }
    }
  };
  return {
    beat,
    start() {
      beat();
      timer = setInterval(beat, deps.intervalMs);
      timer.unref?.();
    },
    dispose() {
      if (timer) clearInterval(timer);
    },
  };
}
