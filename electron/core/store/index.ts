import { openDatabase, type Db, type OpenOptions } from './db.js';
import { createProjectsRepo } from './projects-repo.js';
import { createTasksRepo } from './tasks-repo.js';
import { createRunsRepo } from './runs-repo.js';
import { createOutputRepo } from './output-repo.js';
import { createEventsRepo } from './events-repo.js';
import { createAuditRepo } from './audit-repo.js';
import { createChangesRepo } from './changes-repo.js';

/** The task store: one better-sqlite3 connection owned by the core, and one repo per table. */
export function createStore(file: string, opts?: OpenOptions) {
  const db = openDatabase(file, opts);
  return {
    db,
    projects: createProjectsRepo(db),
    tasks: createTasksRepo(db),
    runs: createRunsRepo(db),
    output: createOutputRepo(db),
    events: createEventsRepo(db),
    audit: createAuditRepo(db),
    changes: createChangesRepo(db),
    /** Runs fn in one transaction. */
    tx: <T>(fn: () => T): T => db.transaction(fn)(),
    dispose: (): void => {
      if (db.open) db.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;
export type { Db };
export { StoreError } from './db.js';
