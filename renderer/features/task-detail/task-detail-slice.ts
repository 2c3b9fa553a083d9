import type { AppState } from '../../../shared/models/app-run.js';
import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import type { RunUsage } from '../../../shared/models/usage.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';
import { isNewer } from '../tasks/task-merge.js';

export interface TaskDetail {
  task: Task | null;
  runs: Run[];
  /** Tokens and cost per run, for the runs whose agent reported them. */
  usage: RunUsage[];
  /** Why a queued task has not started (from tasks.get). */
  waiting: string | null;
  /** Its latest run recorded structured events (tasks.get): open on the timeline. */
  hasEvents: boolean;
  /** Its app (switchboard.json `run`): not configured, no worktree, idle, running or exited (tasks.get, appRun.changed). */
  app: AppState | null;
  loading: boolean;
  /** Why loading failed, or why the last action (cancel, retry) failed. */
  error: string | null;
  /** The action in flight, to disable its button. */
  busy: 'cancel' | 'retry' | 'done' | 'run' | 'stop' | null;
}

export interface RetryChanges {
  prompt?: string;
  agent?: string;
  ttlSeconds?: number;
}

export interface TaskDetailSlice {
  detail: TaskDetail;
  loadDetail(id: string): Promise<void>;
  /** A task.changed for the open task: update it and refetch its runs. */
  applyDetailTask(task: Task): void;
  cancelTask(id: string): Promise<void>;
  /** Retries the task, with a new prompt, agent or time limit when given ("retry with changes"). Resolves true when it went through. */
  retryTask(id: string, changes?: RetryChanges): Promise<boolean>;
  /** Done on an interactive agent: it ends, and its changes go to review. */
  finishTask(id: string): Promise<void>;
  /** Starts / stops the task's app (switchboard.json `run`). runApp resolves true when it started. */
  runApp(id: string, size?: { cols: number; rows: number }): Promise<boolean>;
  stopApp(id: string): Promise<void>;
  /** An appRun.changed for the open task. */
  applyAppChanged(taskId: string, app: AppState): void;
}

const EMPTY: TaskDetail = { task: null, runs: [], usage: [], waiting: null, hasEvents: false, app: null, loading: false, error: null, busy: null };

export const createTaskDetailSlice: SliceCreator<TaskDetailSlice> = (set, get, { api }) => {
  const patch = (id: string, p: Partial<TaskDetail>) => {
    if (get().openTaskId !== id) return;
    set({ detail: { ...get().detail, ...p } });
  };

  const act = async (id: string, action: 'cancel' | 'retry' | 'done', changes: RetryChanges = {}): Promise<boolean> => {
    patch(id, { busy: action, error: null });
    try {
      const task = action === 'retry' ? await api['tasks.retry']({ id, ...changes }) : await api[action === 'cancel' ? 'tasks.cancel' : 'tasks.done']({ id });
      get().applyTask(task);
      patch(id, { busy: null });
      get().applyDetailTask(task);
      return true;
    } catch (err) {
      patch(id, { busy: null, error: `Could not ${action === 'done' ? 'finish' : action} ${id}: ${describeError(err)}` });
      return false;
    }
  };

  return {
    detail: EMPTY,
    async loadDetail(id) {
      const known = get().tasksById[id] ?? null;
      set({ detail: { ...EMPTY, task: known, loading: true } });
      try {
        const { task, runs, usage, waiting, hasEvents, app } = await api['tasks.get']({ id });
        get().applyTask(task);
        patch(id, { task, runs, usage, waiting: waiting ?? null, hasEvents: hasEvents ?? false, app: app ?? null, loading: false, error: null });
      } catch (err) {
        patch(id, { loading: false, error: describeError(err) });
      }
    },
    applyDetailTask(task) {
      const { detail, openTaskId } = get();
      if (openTaskId !== task.id || (detail.task && !isNewer(detail.task, task))) return;
      const stateChanged = detail.task?.state !== task.state;
      patch(task.id, { task });
      if (stateChanged) {
        void api['tasks.get']({ id: task.id }).then(
          ({ runs, usage, waiting, hasEvents, app }) => patch(task.id, { runs, usage, waiting: waiting ?? null, hasEvents: hasEvents ?? false, app: app ?? null }),
          () => {},
        );
      }
    },
    cancelTask: async (id) => void (await act(id, 'cancel')),
    retryTask: (id, changes) => act(id, 'retry', changes),
    finishTask: async (id) => void (await act(id, 'done')),
    async runApp(id, size) {
      patch(id, { busy: 'run', error: null });
      try {
        patch(id, { app: await api['tasks.runApp']({ id, ...size }), busy: null });
        return true;
      } catch (err) {
        patch(id, { busy: null, error: `Could not run the app of ${id}: ${describeError(err)}` });
        return false;
      }
    },
    async stopApp(id) {
      patch(id, { busy: 'stop', error: null });
      try {
        patch(id, { app: await api['tasks.stopApp']({ id }), busy: null });
      } catch (err) {
        patch(id, { busy: null, error: `Could not stop the app of ${id}: ${describeError(err)}` });
      }
    },
    applyAppChanged(taskId, app) {
      patch(taskId, { app });
    },
  };
};
