import type { Task, TaskSource } from '../../../shared/models/task.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { newTaskId } from './ids.js';
import { resolveProjectDir } from './resolve-project-dir.js';
import { refusedCallbackUrl } from '../dispatch/callback-policy.js';

/** A request to run something: from a dispatch file, the UI, the CLI or the API. */
export interface TaskRequest {
  id?: string;
  /** Hash of the dispatch content; with `id`, makes intake idempotent. */
  contentHash?: string;
  projectDir: string;
  prompt: string;
  agent?: string;
  ttlSeconds?: number;
  priority?: number;
  inPlace?: boolean;
  baseBranch?: string;
  callbackUrl?: string;
  dispatchedBy?: string;
  constraints?: string[];
  source: TaskSource;
  meta?: Record<string, unknown>;
}

export type SubmitTask = (req: TaskRequest) => Task;

export interface SubmitDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  config: ConfigService;
  /** Throws an AppError when the directory may not be used (trusted roots, issue #3). */
  checkProjectDir?: (realDir: string) => void;
}

export const DEFAULT_TTL_SECONDS = 3600;

/**
 * The one way a task comes to exist. Inserts it as `queued`, audits it and announces it; the
 * scheduler takes it from there. Re-submitting the same id with the same content hash returns the
 * existing task (exactly-once intake); with other content it is a conflict.
 */
export function createSubmitTask(deps: SubmitDeps): SubmitTask {
  const { store, bus, clock, config } = deps;
  return (req) => {
    const now = clock.now();
    const dir = resolveProjectDir(req.projectDir);
    deps.checkProjectDir?.(dir);
    if (req.callbackUrl) {
      const refused = refusedCallbackUrl(req.callbackUrl, config.get().callbackAllow);
      if (refused) throw new AppError('invalid_input', `callbackUrl ${req.callbackUrl} is refused: ${refused}`, [{ path: 'callbackUrl', message: refused }]);
    }
    const id = req.id ?? newTaskId(now);
    const meta = { ...req.meta, ...(req.constraints?.length ? { constraints: req.constraints } : {}) };

    const created = store.tx(() => {
      const existing = store.tasks.getRow(id);
      if (existing) {
        if (req.contentHash && existing.content_hash === req.contentHash) return { task: store.tasks.get(id)!, isNew: false };
        throw new AppError('conflict', `task id ${id} is already used by a different dispatch`);
      }
      const project = store.projects.ensure(dir, now);
      const task = store.tasks.insert(
        {
          id,
          contentHash: req.contentHash ?? null,
          projectId: project.id,
          prompt: req.prompt,
          agent: req.agent ?? config.get().defaultAgent,
          priority: req.priority ?? 0,
          ttlSeconds: req.ttlSeconds ?? DEFAULT_TTL_SECONDS,
          source: req.source,
          dispatchedBy: req.dispatchedBy ?? null,
          inPlace: req.inPlace ?? false,
          baseBranch: req.baseBranch ?? null,
          callbackUrl: req.callbackUrl ?? null,
          meta,
        },
        now,
      );
      store.audit.append(now, 'task.created', id, req.dispatchedBy ?? req.source, { source: req.source, agent: task.agent, projectDir: dir });
      return { task, isNew: true };
    });
    if (created.isNew) bus.emit('task.changed', { task: created.task, previousState: null });
    return created.task;
  };
}
