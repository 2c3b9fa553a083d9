/** Contract handlers for review (shared/contract/changes.ts). */
import type { Change } from '../../../shared/models/change.js';
import { AppError, notFound } from '../errors.js';
import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import type { Clock } from '../clock.js';
import type { ReviewService } from './review-service.js';
import type { PrService } from '../pr/pr-service.js';

export interface ReviewControllerDeps {
  store: Store;
  clock: Clock;
  review: ReviewService;
  pr: PrService;
  /** Creates the fresh task of a "reject with feedback" re-run (tasks.create). */
  createTask: Handlers['tasks.create'];
}

/** The prompt of a re-run: the task's own, then the reviewer's feedback on the rejected attempt. */
export const rerunPrompt = (prompt: string, taskId: string, feedback: string): string =>
  `${prompt}\n\nA previous attempt (${taskId}) was rejected by the reviewer, who said:\n${feedback.trim()}`;

/** Patches larger than this are cut for display (the full patch is still what approve applies). */
export const MAX_DISPLAY_PATCH = 8 * 1024 * 1024;

type ReviewHandlers = Pick<Handlers, 'changes.get' | 'changes.fileDiff' | 'changes.approve' | 'changes.openPr' | 'changes.reject' | 'changes.comment' | 'tasks.followUp'>;

export function createReviewController(deps: ReviewControllerDeps): ReviewHandlers {
  const { store, review } = deps;

  const changeOf = (taskId: string, changeId?: number): Change => {
    if (!store.tasks.get(taskId)) throw notFound(`task ${taskId}`);
    const change = changeId != null ? store.changes.get(changeId) : store.changes.latest(taskId);
    if (!change || change.taskId !== taskId) {
      throw new AppError('not_found', changeId != null ? `task ${taskId} has no change ${changeId}` : `task ${taskId} has no captured change yet (it may still be running, or it ended with no changes)`);
    }
    return change;
  };
  /** Approve and open-PR name the change the reviewer saw: refused if a follow-up replaced it since. */
  const sameChange = (taskId: string, changeId: number | undefined): void => {
    if (changeId == null) return;
    const current = changeOf(taskId);
    if (current.id !== changeId) {
      throw new AppError(
        'conflict',
        `the change of task ${taskId} moved since it was loaded (a follow-up replaced change ${changeId} with ${current.id}); nothing was applied. Reload the review and act on what it shows now.`,
      );
    }
  };

  return {
    'changes.get'({ taskId, changeId }) {
      const change = changeOf(taskId, changeId);
      return { change, files: store.changes.files(change.id), comments: store.changes.comments(change.id) };
    },
    'changes.fileDiff'({ taskId, path, changeId }) {
      const change = changeOf(taskId, changeId);
      const file = store.changes.file(change.id, path);
      if (!file) throw new AppError('not_found', `the change of task ${taskId} has no file "${path}"`);
      const { patch, ...meta } = file;
      let bytes = patch;
      if (meta.binary) {
        const at = patch.indexOf('GIT binary patch');
        bytes = at >= 0 ? patch.subarray(0, at) : patch;
      }
      const truncated = bytes.length > MAX_DISPLAY_PATCH;
      return { file: meta, patch: (truncated ? bytes.subarray(0, MAX_DISPLAY_PATCH) : bytes).toString('utf8'), truncated };
    },
    'changes.approve'({ taskId, files, hunks, changeId }) {
      sameChange(taskId, changeId);
      return review.approve(taskId, { files, hunks });
    },
    'changes.openPr'({ taskId, files, hunks, changeId, draft, title }) {
      sameChange(taskId, changeId);
      return deps.pr.open({ taskId, files, hunks, draft, title });
    },
    async 'changes.reject'({ taskId, reason, rerun }) {
      const out = await review.reject(taskId, reason);
      if (!rerun || !reason) return out;
      const t = out.task;
      const constraints = Array.isArray(t.meta.constraints) ? t.meta.constraints.filter((c): c is string => typeof c === 'string') : [];
      const next = await deps.createTask({
        projectDir: t.projectDir,
        prompt: rerunPrompt(t.prompt, t.id, reason),
        agent: t.agent,
        ttlSeconds: t.ttlSeconds,
        priority: t.priority,
        inPlace: t.inPlace,
        ...(t.baseBranch ? { baseBranch: t.baseBranch } : {}),
        ...(t.host ? { host: t.host } : {}),
        ...(constraints.length ? { constraints } : {}),
        via: t.source === 'ui' ? 'ui' : 'api',
      });
      return { ...out, rerun: next };
    },
    'changes.comment'({ taskId, path, line, side, body }) {
      const change = changeOf(taskId);
      if (change.state !== 'pending') throw new AppError('conflict', `the change of task ${taskId} was already ${change.state.replace('_', ' ')}; comments go on a change awaiting review`);
      if (!store.changes.file(change.id, path)) throw new AppError('invalid_input', `the change of task ${taskId} has no file "${path}"`);
      return store.changes.addComment(change.id, { path, line, side, body }, deps.clock.now());
    },
    'tasks.followUp': ({ taskId, message }) => review.followUp(taskId, message),
  };
}
