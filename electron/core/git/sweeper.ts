/**
 * Runs the workspace sweep at start-up and then every few hours (so a rejected task's branch goes
 * once config.keepRejectedBranchDays has passed, even in an app that stays up for weeks). What it
 * removes is written to the audit trail.
 */
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import type { Workspace } from './workspace.js';

export interface Sweeper {
  /** Settles when the current sweep (if any) has finished. */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

export function startSweeper(deps: { workspace: Workspace; store: Store; clock: Clock; intervalMs?: number }): Sweeper {
  const { workspace, store, clock } = deps;
  let disposed = false;
  let current: Promise<void> = Promise.resolve();
  const sweep = (): void => {
    current = current.then(async () => {
      if (disposed) return;
      try {
        const r = await workspace.sweep();
        if (r.removed.length || r.branchesDeleted.length || r.failed.length) store.audit.append(clock.now(), 'workspace.sweep', null, 'switchboard', { ...r });
      } catch (err) {
        // After dispose() the git processes were stopped on purpose: not a failure worth recording.
        if (!disposed) store.audit.append(clock.now(), 'workspace.sweep_failed', null, 'switchboard', { error: (err as Error).message });
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, deps.intervalMs ?? 6 * 3_600_000);
  timer.unref();
  return {
    idle: () => current,
    async dispose() {
      disposed = true;
      clearInterval(timer);
      await current.catch(() => {});
    },
  };
}
