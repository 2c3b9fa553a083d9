/**
 * Review decisions (issue #6): approve (all, some files, some hunks), reject, follow up. Every action
 * on a project runs one at a time (a lock per project), a change is claimed in the store before any
 * file is touched (applied at most once), and the task moves only through transition().
 */
import type { Change, HunkRef } from '../../../shared/models/change.js';
import type { Task } from '../../../shared/models/task.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import { AppError, notFound } from '../errors.js';
import { createPool, type Pool } from '../git/pool.js';
import { findRepo } from '../git/repo-info.js';
import type { StatusCache } from '../git/status-cache.js';
import type { Workspace } from '../git/workspace.js';
import type { GitRunner } from '../git/git-runner.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../tasks/transition.js';
import { applyToRepo, type ApplyOutcome } from './apply-to-repo.js';
import { revertInPlace } from './revert-in-place.js';
import { selectPatch } from './select-patch.js';
import { readSwitchboardFile } from '../provision/switchboard-file.js';

export interface ReviewDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  transition: Transition;
  workspace: Workspace;
  git: GitRunner;
  status: StatusCache;
  tmpDir: string;
}

export interface ApproveResult {
  task: Task;
  change: Change;
  appliedFiles: string[];
}

export function createReviewService(deps: ReviewDeps) {
  const { store, clock, transition, workspace } = deps;
  const locks = new Map<string, Pool>();
  /**
   * Review actions of one repository run one at a time: the lock is keyed by the repository root
   * (two projects in subfolders of one repo share it), or by the folder for a non-git project.
   */
  const locked = async <T>(task: Task, fn: () => Promise<T>): Promise<T> => {
    const key = (await findRepo(deps.git, task.projectDir).catch(() => null))?.root ?? task.projectDir;
    if (!locks.has(key)) locks.set(key, createPool(1));
    return locks.get(key)!.use(fn);
  };

  const mustTask = (id: string): Task => store.tasks.get(id) ?? (() => { throw notFound(`task ${id}`); })();
  /** The task's change awaiting review; throws a readable error when there is none. */
  const pendingChange = (task: Task, opts: { interruptedApplyOk?: boolean } = {}): Change => {
    if (task.state !== 'awaiting_review') throw new AppError('conflict', `task ${task.id} is ${task.state}, not awaiting review`);
    const change = store.changes.latest(task.id);
    if (!change || change.state !== 'pending') throw new AppError('conflict', `task ${task.id} has no change awaiting review`);
    // Rejecting is how the user closes a change whose approval a crash cut short, so only reject may go on.
    if (store.changes.applying(change.id) && !opts.interruptedApplyOk) {
      throw new AppError('conflict', `an earlier approval of task ${task.id} was interrupted and may have written some files; check the project, then reject the task (its branch is kept) and dispatch again`);
    }
    return change;
  };

  const cleanupQuietly = async (taskId: string, keepBranch: boolean): Promise<void> => {
    try {
      await workspace.cleanup(taskId, { keepBranch });
    } catch (err) {
      store.audit.append(clock.now(), 'workspace.cleanup_failed', taskId, 'switchboard', { error: (err as Error).message });
    }
  };

  /** Records why an apply or revert failed on the task, and throws it as a conflict naming the files. */
  const refuse = (task: Task, change: Change, what: string, out: Extract<ApplyOutcome, { ok: false }>): never => {
    const message = `${what} of task ${task.id} was refused: ${out.message}. The project was left as it was.`;
    store.changes.mergeReview(change.id, { conflicts: out.files, error: message });
    transition.annotate(task.id, { error: message, error_type: 'git_error' });
    throw new AppError('conflict', message, out.files.map((path) => ({ path, message: out.kind === 'dirty' ? 'uncommitted edits in the project' : 'conflict' })));
  };

  /** Ends the pending change without applying it (reject, or cancel in review) and moves the task. */
  const close = (taskId: string, event: 'reject' | 'cancel', reason?: string): Promise<{ task: Task; change: Change }> =>
    locked(mustTask(taskId), async () => {
      const task = mustTask(taskId);
      const change = pendingChange(task, { interruptedApplyOk: true });
      const loc = await workspace.locate(task);
      if (loc.mode === 'snapshot') {
        const all = selectPatch(store.changes, change.id, taskId, {});
        const out = await revertInPlace(deps.git, loc, all.patch, all.paths);
        if (!out.ok) refuse(task, change, event === 'cancel' ? 'cancelling' : 'rejection', out);
      }
      store.changes.decide(change.id, ['pending'], 'rejected', reason ? { rejectReason: reason } : {}, clock.now());
      const next =
        event === 'cancel'
          ? transition(taskId, 'cancel', { actor: 'user', reason: 'cancelled by user', patch: { error_type: 'cancelled', error: 'cancelled by user' }, data: { changeId: change.id } })
          : transition(taskId, 'reject', { actor: 'user', reason: reason ? `rejected: ${reason}` : 'rejected', data: { changeId: change.id } });
      await cleanupQuietly(taskId, true);
      return { task: next ?? mustTask(taskId), change: store.changes.get(change.id)! };
    });

  return {
    approve(taskId: string, sel: { files?: string[]; hunks?: HunkRef[] }): Promise<ApproveResult> {
      return locked(mustTask(taskId), async () => {
        const task = mustTask(taskId);
        const change = pendingChange(task);
        const loc = await workspace.locate(task);
        const selected = selectPatch(store.changes, change.id, taskId, sel);
        const project = store.projects.get(task.projectId);
        if (!store.changes.claimApply(change.id, clock.now())) throw new AppError('conflict', `the change of task ${taskId} is already being applied`);
        let out: ApplyOutcome;
        try {
          out =
            loc.mode === 'snapshot'
              ? await revertInPlace(deps.git, loc, selectPatch(store.changes, change.id, taskId, sel, true).patch, selected.paths)
              : await applyToRepo(deps.git, deps.status, {
                  taskId,
                  repo: loc.repo,
                  patch: selected.patch,
                  paths: selected.paths,
                  mode: applyModeOf(project?.settings.applyMode, loc.cwd),
                  targetBranch: task.baseBranch,
                  message: commitMessage(task),
                  tmpDir: deps.tmpDir,
                });
        } catch (err) {
          store.changes.releaseApply(change.id);
          throw err;
        }
        if (!out.ok) {
          store.changes.releaseApply(change.id);
          return refuse(task, change, 'approval', out);
        }
        const now = clock.now();
        const appliedFiles = selected.files.map((f) => f.path);
        store.changes.decide(change.id, ['pending'], selected.whole ? 'applied' : 'partially_applied', {
          approvedFiles: appliedFiles,
          ...(sel.hunks?.length ? { approvedHunks: sel.hunks } : {}),
          ...(out.commit ? { commit: out.commit } : {}),
          conflicts: [],
        }, now);
        const next = transition(taskId, 'approve', {
          actor: 'user',
          reason: 'approved',
          patch: { error: null, error_type: null },
          data: { changeId: change.id, files: appliedFiles.length, whole: selected.whole, threeWay: out.threeWay, commit: out.commit },
        });
        await cleanupQuietly(taskId, false);
        return { task: next ?? mustTask(taskId), change: store.changes.get(change.id)!, appliedFiles };
      });
    },

    reject(taskId: string, reason?: string): Promise<{ task: Task; change: Change }> {
      return close(taskId, 'reject', reason);
    },

    /**
     * Cancels a task that waits for review: its change ends as rejected ("task cancelled"), so approve
     * is refused from then on, and an in-place task's edits are put back as for a rejection.
     */
    cancel(taskId: string): Promise<{ task: Task; change: Change }> {
      return close(taskId, 'cancel', 'task cancelled');
    },

    followUp(taskId: string, message: string): Promise<Task> {
      return locked(mustTask(taskId), async () => {
        const task = mustTask(taskId);
        // After a pull request the change was handed off; the follow-up's change goes to the same PR.
        const change = task.state === 'pr_opened' && task.pr ? (store.changes.latest(taskId) ?? pendingChange(task)) : pendingChange(task);
        const comments = store.changes.comments(change.id).map(({ path, line, side, body }) => ({ path, line, side, body }));
        const meta = { ...task.meta, followUp: { message, comments, changeId: change.id, at: new Date(clock.now()).toISOString() } };
        const next = transition(taskId, 'follow_up', {
          actor: 'user',
          reason: 'follow-up requested',
          patch: { meta: JSON.stringify(meta), ended_at: null, error: null, error_type: null },
          data: { changeId: change.id, comments: comments.length },
        });
        if (!next) throw new AppError('conflict', `task ${taskId} changed state before the follow-up was recorded; reload and try again`);
        store.changes.supersede(taskId, clock.now());
        return next;
      });
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;

const commitMessage = (task: Task): string => {
  const firstLine = task.prompt.split('\n')[0].slice(0, 72);
  return `${firstLine}\n\nApplied by Switchboard from task ${task.id} (agent ${task.agent}).`;
};

/** The app's "commit" setting wins; otherwise switchboard.json's applyMode (issue 16), else working-tree. */
function applyModeOf(setting: 'working-tree' | 'commit' | undefined, cwd: string): 'working-tree' | 'commit' {
  if (setting === 'commit') return setting;
  try {
    return readSwitchboardFile(cwd).applyMode ?? 'working-tree';
  } catch {
    return 'working-tree';
  }
}
