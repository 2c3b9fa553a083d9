import { openDatabase, type Db, type OpenOptions } from './db.js';
import { createProjectsRepo } from './projects-repo.js';
import { createTasksRepo } from './tasks-repo.js';
import { createRunsRepo } from './runs-repo.js';
import { createOutputRepo } from './output-repo.js';
import { createEventsRepo } from './events-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createChangesRepo } from './changes-repo.js';
import { createUsageRepo } from './usage-repo.js';
import { createAppRunsRepo } from './app-runs-repo.js';
import { createWalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.js';

export interface StoreOptions extends OpenOptions {
  /** Applied to every audit entry's data before it is stored (the core hides secrets with it). */
  redactAudit?: (data: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Wraps the body of every transaction (the core passes the bus's deferDuring, so events emitted
   * inside a transaction reach listeners only after it has committed).
   */
  aroundTx?: <T>(fn: () => T) => T;
  /** WAL checkpoints from a worker thread after transactions, not on the committing call (wal-checkpointer.ts). The core's store uses it. */
  checkpointThread?: boolean | WalCheckpointerOptions;
}

/** The task store: one better-sqlite3 connection owned by the core, and one repo per table. */
export function createStore(file: string, opts?: StoreOptions) {
  const db = openDatabase(file, opts);
  const around = opts?.aroundTx ?? (<T>(fn: () => T): T => fn());
  const wanted = opts?.checkpointThread;
  const checkpointer = wanted && !opts?.readonly && db.name !== ':memory:' ? createWalCheckpointer(db, wanted === true ? {} : wanted) : null;
  return {
    db,
    projects: createProjectsRepo(db),
    tasks: createTasksRepo(db),
    runs: createRunsRepo(db),
    output: createOutputRepo(db),
    /** switchboard.json `run` starts and their own terminal output (issue 16). */
    appRuns: createAppRunsRepo(db),
    appOutput: createOutputRepo(db, { output: 'app_output', dropped: 'app_output_dropped' }),
    events: createEventsRepo(db),
    audit: createAuditRepo(db, opts?.redactAudit),
    changes: createChangesRepo(db),
    usage: createUsageRepo(db),
    /** Runs fn in one transaction (nested calls become savepoints of the outer one). */
    tx: <T>(fn: () => T): T => {
      const result = around(() => db.transaction(fn)());
      if (checkpointer && !db.inTransaction) checkpointer.committed();
      return result;
    },
    /** The checkpoint thread, when there is one (tests). */
    checkpointer,
    dispose: (): void => {
      checkpointer?.dispose();
      if (db.open) db.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;
export type { Db };
export { StoreError } from './db.js';
