import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import type { Transition } from './transition.js';
import { AppError, notFound } from '../errors.js';
import { isFinalState, type TaskState } from '../../../shared/models/task.js';
import { resolveProjectDir } from './resolve-project-dir.js';
import type { SubmitTask } from './submit-task.js';

export interface TasksControllerDeps {
  store: Store;
  transition: Transition;
  submit: SubmitTask;
  /** Stops a task that is not queued (kills its agent). Provided by the scheduler. */
  cancelActive?: (taskId: string) => Promise<void>;
}

const RETRYABLE: TaskState[] = ['failed', 'timed_out', 'cancelled', 'interrupted'];

export function createTasksController(deps: TasksControllerDeps): Pick<Handlers, 'tasks.list' | 'tasks.get' | 'tasks.create' | 'tasks.cancel' | 'tasks.retry'> {
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
    'tasks.get'({ id }) {
      return { task: mustGet(id), runs: store.runs.forTask(id) };
    },
    'tasks.create'(input) {
      const { via, ...req } = input;
      return deps.submit({ ...req, source: via ?? 'api' });
    },
    async 'tasks.cancel'({ id }) {
      const task = mustGet(id);
      if (isFinalState(task.state)) throw new AppError('conflict', `task ${id} already ended as ${task.state}; there is nothing to cancel`);
      const queued = transition(id, ['queued', 'interrupted'], 'cancelled', { actor: 'user', reason: 'cancelled by user', patch: { error_type: 'cancelled', error: 'cancelled by user' } });
      if (queued) return queued;
      if (deps.cancelActive) await deps.cancelActive(id);
      else transition(id, ['preparing', 'running', 'awaiting_input', 'awaiting_review'], 'cancelled', { actor: 'user', reason: 'cancelled by user', patch: { error_type: 'cancelled', error: 'cancelled by user' } });
      return mustGet(id);
    },
    'tasks.retry'({ id }) {
      const task = mustGet(id);
      if (!RETRYABLE.includes(task.state)) {
        throw new AppError('conflict', `task ${id} is ${task.state}; only failed, timed out, cancelled or interrupted tasks can be retried`);
      }
      const next = transition(id, RETRYABLE, 'queued', { actor: 'user', reason: 'retried by user', patch: { error: null, error_type: null, ended_at: null, not_before: null } });
      if (!next) throw new AppError('conflict', `task ${id} changed state while retrying; try again`);
      return next;
    },
  };
}
