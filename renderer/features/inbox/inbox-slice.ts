import type { RejectedDispatchFile } from '../../../shared/contract/dispatch.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';
import { loadDismissed, saveDismissed } from './dismissed.js';

/** A rejected file's key: the folder it came from and its name in rejected/. */
export const rejectedKey = (f: Pick<RejectedDispatchFile, 'dir' | 'name'>): string => `${f.dir}\n${f.name}`;

export interface InboxSlice {
  /** Dispatch files the inbox refused, still in rejected/ (issue 18, bug 10). */
  rejectedFiles: RejectedDispatchFile[];
  /** Why retrying a rejected file failed, by rejectedKey. */
  rejectedErrors: Readonly<Record<string, string>>;
  /** Why each queued task waits, by task id (tasks.waiting). */
  waitingReasons: Readonly<Record<string, string>>;
  /** Failed tasks the user has seen and dismissed from Needs you (kept in this browser). */
  dismissedFailures: ReadonlySet<string>;
  loadRejected(): Promise<void>;
  applyRejected(file: RejectedDispatchFile): void;
  retryRejected(file: RejectedDispatchFile): Promise<boolean>;
  loadWaiting(): Promise<void>;
  dismissFailure(taskId: string): void;
}

export const createInboxSlice: SliceCreator<InboxSlice> = (set, get, { api }) => ({
  rejectedFiles: [],
  rejectedErrors: {},
  waitingReasons: {},
  dismissedFailures: loadDismissed(),
  async loadRejected() {
    try {
      set({ rejectedFiles: (await api['dispatch.rejected']({})).files });
    } catch {
      // Reloaded on reconnect; the inbox shows what it last knew.
    }
  },
  applyRejected(file) {
    const others = get().rejectedFiles.filter((f) => rejectedKey(f) !== rejectedKey(file));
    set({ rejectedFiles: [file, ...others] });
  },
  async retryRejected(file) {
    const key = rejectedKey(file);
    const { [key]: _old, ...errors } = get().rejectedErrors;
    set({ rejectedErrors: errors });
    try {
      await api['dispatch.retryRejected']({ dir: file.dir, name: file.name });
      set({ rejectedFiles: get().rejectedFiles.filter((f) => rejectedKey(f) !== key) });
      return true;
    } catch (err) {
      set({ rejectedErrors: { ...get().rejectedErrors, [key]: `Could not retry ${file.name}: ${describeError(err)}` } });
      return false;
    }
  },
  async loadWaiting() {
    try {
      const { waiting } = await api['tasks.waiting']({});
      set({ waitingReasons: Object.fromEntries(waiting.map((w) => [w.taskId, w.reason])) });
    } catch {
      // The card simply shows no reason until the next change.
    }
  },
  dismissFailure(taskId) {
    const next = new Set(get().dismissedFailures).add(taskId);
    saveDismissed(next);
    set({ dismissedFailures: next });
  },
});
