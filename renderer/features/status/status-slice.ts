import type { AppStatus } from '../../../shared/models/app-status.js';
import { isFinalState, type Task, type TaskState } from '../../../shared/models/task.js';
import type { ConnectionState } from '../../api/types.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';

export interface StatusSlice {
  connection: ConnectionState;
  status: AppStatus | null;
  statusError: string | null;
  setConnection(state: ConnectionState): void;
  loadStatus(): Promise<void>;
  applyStatus(status: AppStatus): void;
  /**
   * Keeps the per-state counts (overall and per project) right between app.status reads. Archived
   * tasks count nowhere: `wasArchived` is whether the task was archived before this change, or
   * undefined when the renderer did not hold it (then an archive flip is read back from the core).
   */
  countTransition(task: Task, previous: TaskState | null, wasArchived: boolean | undefined): void;
}

export const createStatusSlice: SliceCreator<StatusSlice> = (set, get, { api }) => ({
  connection: { status: 'connecting', attempt: 0, retryAt: null, reason: null },
  status: null,
  statusError: null,
  setConnection: (connection) => set({ connection }),
  async loadStatus() {
    try {
      set({ status: await api['app.status']({}), statusError: null });
    } catch (err) {
      set({ statusError: describeError(err) });
    }
  },
  applyStatus: (status) => set({ status, statusError: null }),
  countTransition(task, previous, wasArchived) {
    const status = get().status;
    if (!status) return;
    const archived = Boolean(task.archivedAt);
    if (wasArchived === undefined && task.state === previous) {
      // A finished task may have been archived or unarchived: only the core knows whether it was counted.
      if (previous !== null && isFinalState(task.state)) void get().loadStatus();
      return;
    }
    const before = wasArchived ?? archived;
    if (task.state === previous && before === archived) return;
    const counts = { ...status.counts };
    const mine = { ...status.byProject[task.projectId] };
    const add = (state: TaskState, n: number) => {
      counts[state] = Math.max(0, (counts[state] ?? 0) + n);
      mine[state] = Math.max(0, (mine[state] ?? 0) + n);
    };
    if (previous && !before) add(previous, -1);
    if (!archived) add(task.state, 1);
    set({ status: { ...status, counts, byProject: { ...status.byProject, [task.projectId]: mine } } });
  },
});
