import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import type { Transition } from './transition.js';
import { AppError, notFound } from '../errors.js';
import type { Task } from '../../../shared/models/task.js';
import type { AppState } from '../../../shared/models/app-run.js';
import { taskActionsFor } from '../../../shared/models/task-transitions.js';
import { resolveProjectDir } from './resolve-project-dir.js';
import type { SubmitTask } from './submit-task.js';

export interface TasksControllerDeps {
  store: Store;
  transition: Transition;
  submit: SubmitTask;
  /** Stops a task that is not queued (kills its agent). Provided by the scheduler. */
  cancelActive?: (taskId: string) => Promise<void>;
  /** Done on a running interactive agent: ends it gracefully, then its run is captured. Provided by the scheduler. */
  doneActive?: (taskId: string) => Promise<void>;
  /** Why a queued task waits. Provided by the scheduler. */
  whyWaiting?: (taskId: string) => string | null;
  /** Throws when the agent cannot take the prompt (submit's own check), for a retry that changes them. */
  checkPrompt?: (agent: string, prompt: string) => void;
  /** Cancels a task awaiting review, ending its change. Provided by the review service. */
  cancelReview?: (taskId: string) => Promise<{ task: Task }>;
  /** switchboard.json `run` state of the task's worktree (run-app/app-runner.ts). */
  appState?: (taskId: string) => Promise<AppState>;
}

export function createTasksController(deps: TasksControllerDeps): Pick<Handlers, 'tasks.list' | 'tasks.get' | 'tasks.waiting' | 'tasks.create' | 'tasks.cancel' | 'tasks.retry' | 'tasks.done'> {
  const { store, transition } = deps;
  const mustGet = (id: string) => store.tasks.get(id) ?? (() => { throw notFound(`task ${id}`); })();

  return {
    'tasks.list'(input) {
      let projectId = input.projectId;
      if (input.projectDir != null) {
        const project = store.projects.findByDir(resolveProjectDir(input.projectDir));
        if (!project) return { tasks: [], nextCursor: null };
        projectId = project.id;
      }
      const states = input.state == null ? undefined : Array.isArray(input.state) ? input.state : [input.state];
      const beforeSeq = input.cursor != null ? Number(input.cursor) : undefined;
      if (beforeSeq != null && !Number.isSafeInteger(beforeSeq)) throw new AppError('invalid_input', `invalid cursor "${input.cursor}"`);
      const { tasks, lastSeq } = store.tasks.list({ states, projectId, search: input.search, beforeSeq, limit: input.limit });
      return { tasks, nextCursor: lastSeq == null ? null : String(lastSeq) };
    },
    async 'tasks.get'({ id }) {
      const task = mustGet(id);
      const runs = store.runs.forTask(id);
      const latest = runs.reduce<(typeof runs)[number] | null>((a, r) => (!a || r.attempt > a.attempt ? r : a), null);
      const waiting = task.state === 'queued' ? (deps.whyWaiting?.(id) ?? null) : null;
      const app = deps.appState ? await deps.appState(id) : undefined;
      return { task, runs, usage: store.usage.forTask(id), waiting, hasEvents: latest ? store.events.has(latest.id) : false, app };
    },
    'tasks.waiting'() {
      const { tasks } = store.tasks.list({ states: ['queued'], limit: 500 });
      const waiting = tasks.flatMap((t) => {
        const reason = deps.whyWaiting?.(t.id);
        return reason ? [{ taskId: t.id, reason, createdAt: t.createdAt }] : [];
      });
      waiting.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      return { waiting: waiting.map(({ taskId, reason }) => ({ taskId, reason })) };
    },
    'tasks.create'(input) {
      const { via, ...req } = input;
      return deps.submit({ ...req, source: via ?? 'api' });
    },
    async 'tasks.cancel'({ id }) {
      const task = mustGet(id);
      const can = taskActionsFor(task.state);
      if (!can.cancel) throw new AppError('conflict', `task ${id} already ended as ${task.state}; there is nothing to cancel`);
      if (task.state === 'awaiting_review') {
        // Its change ends with it: approve is refused from now on, and nothing reaches the project.
        if (!deps.cancelReview) throw new AppError('unavailable', `task ${id} is awaiting review; reject it instead`);
        return (await deps.cancelReview(id)).task;
      }
      const stopped = transition(id, 'cancel', { actor: 'user', reason: 'cancelled by user', patch: { error_type: 'cancelled', error: 'cancelled by user' } });
      if (stopped) return stopped;
      // A running agent is stopped first; its run then ends the task as cancelled.
      if (deps.cancelActive) await deps.cancelActive(id);
      else transition(id, 'stop_run', { actor: 'user', reason: 'cancelled by user', patch: { error_type: 'cancelled', error: 'cancelled by user' } });
      return mustGet(id);
    },
    async 'tasks.done'({ id }) {
      const task = mustGet(id);
      if (task.state !== 'running') throw new AppError('conflict', `task ${id} is ${task.state}; Done ends an interactive agent while it is running`);
      if (!deps.doneActive) throw new AppError('unavailable', `this Switchboard runs no agents, so it cannot end task ${id}'s`);
      await deps.doneActive(id);
      return mustGet(id);
    },
    'tasks.retry'({ id, prompt, agent, ttlSeconds }) {
      const task = mustGet(id);
      if (!taskActionsFor(task.state).retry) {
        throw new AppError('conflict', `task ${id} is ${task.state}; only failed, timed out, cancelled or interrupted tasks can be retried`);
      }
      // Retry with changes: what the person edited replaces the task's prompt, agent or time limit.
      const changes = {
        ...(prompt != null && prompt !== task.prompt ? { prompt } : {}),
        ...(agent != null && agent !== task.agent ? { agent } : {}),
        ...(ttlSeconds != null && ttlSeconds !== task.ttlSeconds ? { ttl_seconds: ttlSeconds } : {}),
      };
      if (Object.keys(changes).length) deps.checkPrompt?.(agent ?? task.agent, prompt ?? task.prompt);
      const reason = Object.keys(changes).length ? `retried by user with a new ${Object.keys(changes).map((k) => (k === 'ttl_seconds' ? 'time limit' : k)).join(', ')}` : 'retried by user';
      // A retry by a person starts afresh: the retry policy counts again from zero.
      const next = transition(id, 'retry', { actor: 'user', reason, patch: { ...changes, error: null, error_type: null, ended_at: null, not_before: null, retry_count: 0 } });
      if (!next) throw new AppError('conflict', `task ${id} changed state while retrying; try again`);
      return next;
    },
  };
}
