import type { AppStatus } from '../../../shared/models/app-status.js';
import type { TaskState } from '../../../shared/models/task.js';
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
  /** Keeps the per-state counts right between app.status pushes. */
  countTransition(state: TaskState, previous: TaskState | null): void;
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
  countTransition(state, previous) {
    const status = get().status;
    if (!status || state === previous) return;
    const counts = { ...status.counts };
    if (previous) counts[previous] = Math.max(0, (counts[previous] ?? 0) - 1);
    counts[state] = (counts[state] ?? 0) + 1;
    set({ status: { ...status, counts } });
  },
});
