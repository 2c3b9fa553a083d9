/**
 * The composition root (STYLE.md, rule 3): builds every service of the control centre from its
 * dependencies. Shells (Electron main, the headless host, tests) call createCore() and talk to the
 * result only through `call` and `bus`.
 */
import { randomUUID } from 'node:crypto';
import { createBus, type Bus } from './bus.js';
import { systemClock, type Clock } from './clock.js';
import { createConfigService, type ConfigService } from './config/config-service.js';
import { ensureHome, homePaths, type HomePaths } from './home.js';
import { createRouter, type Handlers, type Router } from './router.js';
import { createStore, type Store } from './store/index.js';
import { createTransition, type Transition } from './tasks/transition.js';
import { createSubmitTask, type SubmitTask } from './tasks/submit-task.js';
import { createTasksController } from './tasks/tasks-controller.js';
import { markInterrupted } from './tasks/recovery.js';
import { createAppController, createAppStatus, createProjectsController } from './app-controller.js';
import { appVersion } from './version.js';
import type { AppStatus } from '../../shared/models/app-status.js';

export interface CoreOptions {
  home: string;
  mode?: AppStatus['mode'];
  clock?: Clock;
  /** Watch config.json for edits (off in most tests). */
  watchConfig?: boolean;
}

export interface Core {
  readonly paths: HomePaths;
  readonly instanceId: string;
  readonly store: Store;
  readonly bus: Bus;
  readonly config: ConfigService;
  readonly clock: Clock;
  readonly transition: Transition;
  readonly submit: SubmitTask;
  /** Every contract request, parsed and dispatched. */
  readonly call: Router['call'];
  status(): AppStatus;
  dispose(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  const clock = opts.clock ?? systemClock;
  const paths = homePaths(opts.home);
  ensureHome(paths);
  const instanceId = randomUUID();
  const startedAt = clock.now();

  const config = createConfigService(paths.config, { watch: opts.watchConfig ?? false });
  const store = createStore(paths.db);
  const bus = createBus();
  const transition = createTransition({ store, bus, clock });
  const submit = createSubmitTask({ store, bus, clock, config });

  const interrupted = markInterrupted(store, transition, clock.now());
  if (interrupted.length) store.audit.append(clock.now(), 'recovery', null, 'switchboard', { interrupted });

  const status = createAppStatus(store, config, { version: appVersion(), home: paths.root, mode: opts.mode ?? 'headless', startedAt });

  const handlers: Handlers = {
    ...createTasksController({ store, transition, submit }),
    ...createProjectsController(store.projects, clock),
    ...createAppController(status),
  };
  const router = createRouter(handlers);

  let disposed = false;
  return {
    paths,
    instanceId,
    store,
    bus,
    config,
    clock,
    transition,
    submit,
    call: router.call,
    status,
    async dispose() {
      if (disposed) return;
      disposed = true;
      config.dispose();
      bus.dispose();
      store.dispose();
    },
  };
}
