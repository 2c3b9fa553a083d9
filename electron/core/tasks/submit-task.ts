import type { Task, TaskSource } from '../../../shared/models/task.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError } from '../errors.js';
import { promptProblem } from '../runners/agent-args.js';
import type { AgentRegistry } from '../runners/agent-registry.js';
import type { Store } from '../store/index.js';
import { newTaskId, siblingTaskId } from './ids.js';
import { resolveProjectDir } from './resolve-project-dir.js';
import { refusedCallbackUrl } from '../dispatch/callback-policy.js';
import { checkRemoteProjectDir } from '../remote/remote-project.js';

/** A request to run something: from a dispatch file, the UI, the CLI or the API. */
export interface TaskRequest {
  id?: string;
  /** Hash of the dispatch content; with `id`, makes intake idempotent. */
  contentHash?: string;
  projectDir: string;
  prompt: string;
  agent?: string;
  /**
   * Two or more agents make a best-of-N group (issue 17): one sibling task per agent, sharing prompt,
   * project and base commit. The first sibling gets `id`, the others `<id>.<agent>`; the group's id is
   * the first sibling's. `agent` is ignored then.
   */
  agents?: string[];
  ttlSeconds?: number;
  priority?: number;
  inPlace?: boolean;
  baseBranch?: string;
  /** A host of config.json (issue 14): projectDir is a path there, and the agent runs there. */
  host?: string;
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
  /** Throws an AppError when the agent cannot take this prompt (too long for its command line). */
  checkPrompt?: (agent: string, prompt: string) => void;
}

/** Refuses, at dispatch, a prompt the named agent could not be started with. Unknown agents pass (the scheduler reports them). */
export function checkPromptFor(registry: Pick<AgentRegistry, 'resolve'>): (agent: string, prompt: string) => void {
  return (name, prompt) => {
    const agent = registry.resolve(name);
    const problem = agent && promptProblem(agent, prompt);
    if (problem) throw new AppError('invalid_input', `task refused: ${problem}`, [{ path: 'prompt', message: problem }]);
  };
}

export const DEFAULT_TTL_SECONDS = 3600;
/** The most agents one best-of-N group runs. */
export const MAX_GROUP = 8;

/**
 * The one way a task comes to exist. Inserts it as `queued`, audits it and announces it; the
 * scheduler takes it from there. Re-submitting the same id with the same content hash returns the
 * existing task (exactly-once intake); with other content it is a conflict.
 */
export function createSubmitTask(deps: SubmitDeps): SubmitTask {
  const { store, bus, clock, config } = deps;
  return (req) => {
    const now = clock.now();
    const dir = req.host ? checkRemoteProjectDir(config.get(), req.host, req.projectDir, !!req.inPlace) : resolveProjectDir(req.projectDir);
    if (!req.host) deps.checkProjectDir?.(dir);
    // A task that names no agent runs its project's default, else config.json's.
    const fallbackAgent = store.projects.findByDir(dir, req.host ?? null)?.settings.defaultAgent ?? config.get().defaultAgent;
    const agent = req.agent ?? fallbackAgent;
    deps.checkPrompt?.(agent, req.prompt);
    if (req.callbackUrl) {
      const refused = refusedCallbackUrl(req.callbackUrl, config.get().callbackAllow);
      if (refused) throw new AppError('invalid_input', `callbackUrl ${req.callbackUrl} is refused: ${refused}`, [{ path: 'callbackUrl', message: refused }]);
    }
    const id = req.id ?? newTaskId(now);
    const meta = { ...req.meta, ...(req.constraints?.length ? { constraints: req.constraints } : {}) };

    const agents = req.agents?.length ? req.agents : [agent];
    const group = agents.length > 1 ? checkGroup(req, agents) : null;

    const created = store.tx(() => {
      const existing = store.tasks.getRow(id);
      if (existing) {
        if (req.contentHash && existing.content_hash === req.contentHash) return { tasks: [store.tasks.get(id)!], isNew: false };
        throw new AppError('conflict', `task id ${id} is already used by a different dispatch`);
      }
      const project = store.projects.ensure(dir, now, undefined, undefined, req.host ?? null);
      const tasks = agents.map((agent, i) => {
        const taskId = siblingTaskId(id, agent, i);
        if (i > 0 && store.tasks.getRow(taskId)) throw new AppError('conflict', `task id ${taskId} (sibling of ${id} for agent ${agent}) is already used`);
        const task = store.tasks.insert(
          {
            id: taskId,
            contentHash: req.contentHash ?? null,
            projectId: project.id,
            prompt: req.prompt,
            agent,
            priority: req.priority ?? 0,
            ttlSeconds: req.ttlSeconds ?? DEFAULT_TTL_SECONDS,
            source: req.source,
            dispatchedBy: req.dispatchedBy ?? null,
            inPlace: req.inPlace ?? false,
            baseBranch: req.baseBranch ?? null,
            callbackUrl: req.callbackUrl ?? null,
            meta,
            groupId: group ? id : null,
          },
          now,
        );
        store.audit.append(now, 'task.created', taskId, req.dispatchedBy ?? req.source, { source: req.source, agent, projectDir: dir, ...(group ? { groupId: id } : {}) });
        return task;
      });
      return { tasks, isNew: true };
    });
    if (created.isNew) for (const task of created.tasks) bus.emit('task.changed', { task, previousState: null });
    return created.tasks[0];
  };
}

/** A group needs distinct agents and worktrees: siblings in one folder would overwrite each other. */
function checkGroup(req: TaskRequest, agents: string[]): true {
  const dupes = agents.filter((a, i) => agents.indexOf(a) !== i);
  if (dupes.length) throw new AppError('invalid_input', `agents lists ${dupes[0]} more than once; a group runs each agent once`, [{ path: 'agents', message: 'distinct agent names' }]);
  if (agents.length < 2 || agents.length > MAX_GROUP) {
    throw new AppError('invalid_input', `a group takes 2 to ${MAX_GROUP} agents, got ${agents.length}`, [{ path: 'agents', message: `2 to ${MAX_GROUP} agents` }]);
  }
  if (req.inPlace) throw new AppError('invalid_input', 'a group cannot run in place: each sibling needs its own worktree', [{ path: 'inPlace', message: 'false for a group' }]);
  return true;
}
