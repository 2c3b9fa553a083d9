/**
 * The dispatch intake as the inbox watcher drives it (examine, store, reject with a reason file, move),
 * built from real parts around a temp home, but fed by the test: files are written to a private folder
 * (not the watched inbox) and handed to `take()`. Staleness is 0, so a file that is not valid JSON is
 * rejected on the first look instead of being retried.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBus } from '../../../electron/core/bus.js';
import { systemClock } from '../../../electron/core/clock.js';
import { createConfigService } from '../../../electron/core/config/config-service.js';
import { createDispatchService } from '../../../electron/core/dispatch/dispatch-service.js';
import { inboxLayout } from '../../../electron/core/dispatch/inbox-layout.js';
import type { Outcome } from '../../../electron/core/dispatch/intake.js';
import { createTrustPolicy, type TrustPolicy } from '../../../electron/core/dispatch/trust.js';
import { ensureHome, homePaths } from '../../../electron/core/home.js';
import { createStore } from '../../../electron/core/store/index.js';
import { createSubmitTask } from '../../../electron/core/tasks/submit-task.js';
import { DispatchRejection } from '../../../shared/models/dispatch.js';

export interface IntakeKit {
  root: string;
  /** A trusted project directory (inside trustedRoots). */
  project: string;
  /** A directory outside every trusted root. */
  outside: string;
  /** The folder `take()` reads from; its accepted/ and rejected/ receive the files. */
  inbox: string;
  trust: TrustPolicy;
  /** Writes `bytes` as `name` in the inbox and runs it through the intake: the outcome, once moved. */
  take(name: string, bytes: string | Buffer): Outcome;
  /** The reason file of a rejected file, parsed by the shared schema. */
  reason(name: string): DispatchRejection | null;
  /** Where the file is now: 'inbox', 'accepted', 'rejected', several, or none. */
  whereIs(name: string): string[];
  taskIds(): string[];
  dispose(): Promise<void>;
}

export function createIntakeKit(root: string): IntakeKit {
  const projects = join(root, 'projects');
  const project = join(projects, 'app');
  const outside = join(root, 'outside');
  for (const d of [project, outside]) mkdirSync(d, { recursive: true });
  const paths = homePaths(root);
  ensureHome(paths);
  writeFileSync(paths.config, JSON.stringify({ trustedRoots: [realpathSync(projects)] }));
  const config = createConfigService(paths.config);
  const store = createStore(paths.db);
  const bus = createBus();
  const trust = createTrustPolicy({ config, userHome: root });
  const submit = createSubmitTask({ store, bus, clock: systemClock, config, checkProjectDir: trust.checkProjectDir });
  const service = createDispatchService({
    store, bus, clock: systemClock, config, submit, trust, paths, version: '0.0.0-hardening', userHome: root,
    log: () => {},
    options: { staleMs: 0 },
  });
  const inbox = join(root, 'fuzz-inbox');
  const layout = inboxLayout(inbox);
  for (const d of [inbox, layout.accepted, layout.rejected, layout.completed]) mkdirSync(d, { recursive: true });

  return {
    root,
    project,
    outside,
    inbox,
    trust,
    take(name, bytes) {
      writeFileSync(join(inbox, name), bytes);
      const past = new Date(Date.now() - 60_000); // its writer is long gone: unparseable means rejected
      utimesSync(join(inbox, name), past, past);
      const batch = service.intake.process([{ dir: inbox, name }]);
      service.intake.completeMoves(batch);
      return batch.outcomes[0];
    },
    reason(name) {
      const file = join(layout.rejected, `${name}.error.json`);
      if (!existsSync(file)) return null;
      return DispatchRejection.parse(JSON.parse(readFileSync(file, 'utf8')));
    },
    whereIs(name) {
      const places: [string, string][] = [['inbox', inbox], ['accepted', layout.accepted], ['rejected', layout.rejected]];
      return places.filter(([, dir]) => readdirSync(dir).includes(name)).map(([p]) => p);
    },
    taskIds: () => store.db.prepare('SELECT id FROM tasks').pluck().all() as string[],
    async dispose() {
      await service.dispose();
      config.dispose();
      bus.dispose();
      store.dispose();
    },
  };
}
