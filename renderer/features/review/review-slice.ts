import type { Change, ChangeComment, ChangeFile } from '../../../shared/models/change.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';
import { approveInput, selectAll, toggleFile, toggleHunk, type ReviewSelection } from './review-selection.js';
import { buildFileTree, treeOrder } from './file-tree.js';

export interface FileDiffState {
  patch: string | null;
  truncated: boolean;
  error: string | null;
}

export interface ReviewState {
  taskId: string | null;
  change: Change | null;
  files: ChangeFile[];
  comments: ChangeComment[];
  loading: boolean;
  error: string | null;
  selectedPath: string | null;
  /** Patches loaded so far, one file at a time. */
  diffs: Readonly<Record<string, FileDiffState>>;
  /** Collapsed files (large or generated, see collapseReason) the reviewer asked to see. */
  expanded: Readonly<Record<string, true>>;
  selection: ReviewSelection;
  busy: 'approve' | 'pr' | 'reject' | 'followUp' | 'comment' | null;
  /** Why the last action failed, with what to do. */
  actionError: string | null;
  /** What the last decision did, e.g. "Applied 2 files to /code/api". */
  outcome: string | null;
}

export interface ReviewSlice {
  review: ReviewState;
  loadReview(taskId: string): Promise<void>;
  selectReviewFile(path: string): Promise<void>;
  /** Shows a collapsed file's diff (loading it if it is not loaded yet). */
  expandReviewFile(path: string): Promise<void>;
  toggleReviewFile(path: string): void;
  toggleReviewHunk(path: string, index: number, hunkCount: number): void;
  approveReview(): Promise<boolean>;
  /** Hands the selection off as a pull request (commit, push, open or reuse the PR). */
  openPrReview(): Promise<boolean>;
  rejectReview(reason: string): Promise<boolean>;
  followUpReview(message: string): Promise<boolean>;
  addReviewComment(path: string, line: number, side: 'old' | 'new', body: string): Promise<boolean>;
}

const EMPTY: ReviewState = {
  taskId: null, change: null, files: [], comments: [], loading: false, error: null, selectedPath: null,
  diffs: {}, expanded: {}, selection: selectAll([]), busy: null, actionError: null, outcome: null,
};

/** The review of one task's change: its files, one patch at a time, the selection and the decision. */
export const createReviewSlice: SliceCreator<ReviewSlice> = (set, get, { api }) => {
  const patch = (taskId: string, p: Partial<ReviewState>) => {
    if (get().review.taskId === taskId) set({ review: { ...get().review, ...p } });
  };
  const act = async (kind: NonNullable<ReviewState['busy']>, what: string, run: (taskId: string) => Promise<string | null>): Promise<boolean> => {
    const taskId = get().review.taskId;
    if (!taskId) return false;
    patch(taskId, { busy: kind, actionError: null });
    try {
      const outcome = await run(taskId);
      patch(taskId, { busy: null, ...(outcome ? { outcome } : {}) });
      return true;
    } catch (err) {
      patch(taskId, { busy: null, actionError: `Could not ${what} ${taskId}: ${describeError(err)}` });
      return false;
    }
  };

  /** The selection as approve / open-PR input, naming the change the reviewer saw. */
  const chosen = (taskId: string, verb: string) => {
    const r = get().review;
    const input = approveInput(taskId, r.selection, r.files.map((f) => f.path));
    if (!input) throw new Error(`nothing is selected: tick the files or hunks to ${verb}, or reject the change`);
    return { ...input, changeId: r.change?.id };
  };

  return {
    review: EMPTY,
    async loadReview(taskId) {
      set({ review: { ...EMPTY, taskId, loading: true } });
      try {
        const { change, files, comments } = await api['changes.get']({ taskId });
        const paths = files.map((f) => f.path);
        patch(taskId, { change, files, comments, loading: false, selection: selectAll(paths) });
        // Open on the first file as the tree lists it (folders sorted), not the store's first row.
        const first = treeOrder(buildFileTree(files))[0];
        if (first) await get().selectReviewFile(first.path);
      } catch (err) {
        patch(taskId, { loading: false, error: describeError(err) });
      }
    },
    async selectReviewFile(path) {
      const { taskId, diffs } = get().review;
      if (!taskId) return;
      patch(taskId, { selectedPath: path });
      // A collapsed file's patch is fetched too (not drawn): "Show diff" then draws it at once.
      if (diffs[path]?.patch != null) return;
      try {
        const res = await api['changes.fileDiff']({ taskId, path, changeId: get().review.change?.id });
        patch(taskId, { diffs: { ...get().review.diffs, [path]: { patch: res.patch, truncated: res.truncated, error: null } } });
      } catch (err) {
        patch(taskId, { diffs: { ...get().review.diffs, [path]: { patch: null, truncated: false, error: `Could not load the diff of ${path}: ${describeError(err)}` } } });
      }
    },
    async expandReviewFile(path) {
      const { taskId, expanded } = get().review;
      if (!taskId) return;
      patch(taskId, { expanded: { ...expanded, [path]: true } });
      await get().selectReviewFile(path);
    },
    toggleReviewFile(path) {
      const r = get().review;
      if (r.taskId) patch(r.taskId, { selection: toggleFile(r.selection, path) });
    },
    toggleReviewHunk(path, index, hunkCount) {
      const r = get().review;
      if (r.taskId) patch(r.taskId, { selection: toggleHunk(r.selection, path, index, hunkCount) });
    },
    approveReview: () =>
      act('approve', 'approve', async (taskId) => {
        const res = await api['changes.approve'](chosen(taskId, 'apply'));
        get().applyTask(res.task);
        patch(taskId, { change: res.change });
        return `Applied ${res.appliedFiles.length} file${res.appliedFiles.length === 1 ? '' : 's'} to ${res.task.projectDir}`;
      }),
    openPrReview: () =>
      act('pr', 'open a pull request for', async (taskId) => {
        const res = await api['changes.openPr'](chosen(taskId, 'send'));
        get().applyTask(res.task);
        return `${res.reused ? 'Pushed to' : 'Opened'} pull request #${res.pr.number}: ${res.pr.url}`;
      }),
    rejectReview: (reason) =>
      act('reject', 'reject', async (taskId) => {
        const res = await api['changes.reject']({ taskId, ...(reason.trim() ? { reason: reason.trim() } : {}) });
        get().applyTask(res.task);
        patch(taskId, { change: res.change });
        return `Rejected: ${res.task.projectDir} was left unchanged`;
      }),
    followUpReview: (message) =>
      act('followUp', 'send the follow-up for', async (taskId) => {
        get().applyTask(await api['tasks.followUp']({ taskId, message }));
        return 'Sent back to the agent with your message and comments';
      }),
    addReviewComment: (path, line, side, body) =>
      act('comment', 'comment on', async (taskId) => {
        const comment = await api['changes.comment']({ taskId, path, line, side, body });
        patch(taskId, { comments: [...get().review.comments, comment] });
        return null;
      }),
  };
};
