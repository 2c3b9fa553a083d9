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
import type { TaskLocation, Workspace } from '../git/workspace.js';
import type { GitRunner } from '../git/git-runner.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../tasks/transition.js';
import { applyToRepo, type ApplyOutcome } from './apply-to-repo.js';
import { revertInPlace } from './revert-in-place.js';
import { selectPatch, type Selection, type SelectedPatch } from './select-patch.js';
import { combinePicks } from './combine-picks.js';
import { supersedeSiblings } from './supersede.js';
import { readSwitchboardFile } from '../provision/switchboard-file.js';
import { effectiveApplyMode } from '../../../shared/models/project-status.js';

export interface ReviewDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  transition: Transition;
  workspace: Workspace;
  git: GitRunner;
  status: StatusCache;
  tmpDir: string;
  /** Stops a task's running agent (the scheduler's cancel path); used for superseded siblings. */
  stopAgent?: (taskId: string) => Promise<void>;
  /** Where a task on a host is applied (issue 14): that host's git, status and temp folder. */
  remote?: (task: Task) => Promise<Machine>;
}

/** The machine a project is on: its git, its status cache and a temp folder there. */
export interface Machine {
  git: GitRunner;
  status: StatusCache;
  tmpDir: string;
}

export interface ApprovePick extends Selection {
  taskId: string;
}

export interface GroupApproveResult {
  /** One per pick, the winner first. */
  approved: ApproveResult[];
  /** Siblings now rejected as "superseded by <winner>". */
  superseded: string[];
}

/** Picks from several tasks must come from siblings of one group, each named once. */
function checkSiblings(tasks: Task[]): void {
  if (tasks.length < 2) return;
  const ids = tasks.map((t) => t.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new AppError('invalid_input', `task ${twice} is picked twice; list each task once with all its files and hunks`);
  const group = tasks[0].groupId;
  const stranger = tasks.find((t) => !t.groupId || t.groupId !== group);
  if (stranger) throw new AppError('invalid_input', `task ${stranger.id} is not a sibling of ${tasks[0].id}; hunks can be combined only within one best-of-N group`);
}

export interface ApproveResult {
  task: Task;
  change: Change;
  appliedFiles: string[];
}

export function createReviewService(deps: ReviewDeps) {
  const { store, clock, transition, workspace } = deps;
  const locks = new Map<string, Pool>();
  const repoRoots = new Map<string, string>();
  /**
   * Review actions of one repository run one at a time: the lock is keyed by the repository root
   * (two projects in subfolders of one repo share it), or by the folder for a non-git project.
   */
  const locked = async <T>(task: Task, fn: () => Promise<T>): Promise<T> => {
    let key = task.host ? `${task.host}:${task.projectDir}` : repoRoots.get(task.projectDir);
    if (key == null) {
      const root = (await findRepo(deps.git, task.projectDir).catch(() => null))?.root;
      if (root) repoRoots.set(task.projectDir, root); // a project's repository root does not move
      key = root ?? task.projectDir;
    }
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

  const applyOne = async (task: Task, change: Change, sel: Selection, loc: TaskLocation): Promise<{ out: ApplyOutcome; selected: SelectedPatch }> => {
    const selected = selectPatch(store.changes, change.id, task.id, sel);
    if (loc.mode === 'snapshot') {
      return { out: await revertInPlace(deps.git, loc, selectPatch(store.changes, change.id, task.id, sel, true).patch, selected.paths), selected };
    }
    return { out: await applyPatch(task, loc, selected.patch, selected.paths), selected };
  };
  const machineOf = async (task: Task): Promise<Machine> => {
    if (!task.host) return { git: deps.git, status: deps.status, tmpDir: deps.tmpDir };
    if (!deps.remote) throw new AppError('unavailable', `task ${task.id} is on host ${task.host}, and this Switchboard has no remote hosts`);
    return deps.remote(task);
  };
  const applyPatch = async (task: Task, loc: TaskLocation, patch: Buffer, paths: string[]): Promise<ApplyOutcome> => {
    const m = await machineOf(task);
    return applyToRepo(m.git, m.status, {
      taskId: task.id,
      repo: loc.repo,
      patch,
      paths,
      mode: applyModeOf(store.projects.get(task.projectId)?.settings.applyMode, loc.cwd),
      targetBranch: task.baseBranch,
      message: commitMessage(task),
      tmpDir: m.tmpDir,
    });
  };

  const approvePicks = (picks: ApprovePick[]): Promise<GroupApproveResult> => {
    if (!picks.length) throw new AppError('invalid_input', 'approve needs at least one task');
    return locked(mustTask(picks[0].taskId), async () => {
      const tasks = picks.map((p) => mustTask(p.taskId));
      checkSiblings(tasks);
      const changes = tasks.map((t) => pendingChange(t));
      const locs = await Promise.all(tasks.map((t) => workspace.locate(t)));
      let out: ApplyOutcome;
      let selections: SelectedPatch[];
      const claimed: number[] = [];
      const release = (): void => claimed.forEach((id) => store.changes.releaseApply(id));
      try {
        if (tasks.length === 1) {
          if (!store.changes.claimApply(changes[0].id, clock.now())) throw new AppError('conflict', `the change of task ${tasks[0].id} is already being applied`);
          claimed.push(changes[0].id);
          const one = await applyOne(tasks[0], changes[0], picks[0], locs[0]);
          out = one.out;
          selections = [one.selected];
        } else {
          selections = tasks.map((t, i) => selectPatch(store.changes, changes[i].id, t.id, picks[i]));
          // Refuses overlapping hunks before anything is claimed or written.
          const combined = combinePicks(tasks.map((t, i) => ({ taskId: t.id, agent: t.agent, perFile: selections[i].perFile })));
          for (const c of changes) {
            if (!store.changes.claimApply(c.id, clock.now())) throw new AppError('conflict', `the change of task ${c.taskId} is already being applied`);
            claimed.push(c.id);
          }
          out = await applyPatch(tasks[0], locs[0], combined.patch, combined.paths);
        }
      } catch (err) {
        release();
        if (err instanceof AppError && claimed.length) {
          // Refused before any write, or rolled back (apply-to-repo.ts): recorded on the change and the
          // task, which stays in review and can be approved again once the cause is gone.
          store.changes.mergeReview(changes[0].id, { error: err.message });
          transition.annotate(tasks[0].id, { error: err.message, error_type: 'git_error' });
        }
        throw err;
      }
      if (!out.ok) {
        release();
        return refuse(tasks[0], changes[0], 'approval', out);
      }
      const winner = tasks[0];
      const { approved, superseded } = store.tx(() => {
        const approved = tasks.map((task, i) => {
          const appliedFiles = selections[i].files.map((f) => f.path);
          const sel = picks[i];
          store.changes.decide(changes[i].id, ['pending'], selections[i].whole ? 'applied' : 'partially_applied', {
            approvedFiles: appliedFiles,
            ...(sel.hunks?.length ? { approvedHunks: sel.hunks } : {}),
            ...(out.commit ? { commit: out.commit } : {}),
            conflicts: [],
          }, clock.now());
          const next = transition(task.id, 'approve', {
            actor: 'user',
            reason: i === 0 ? 'approved' : `approved with ${winner.id}`,
            patch: { error: null, error_type: null },
            data: { changeId: changes[i].id, files: appliedFiles.length, whole: selections[i].whole, threeWay: out.threeWay, commit: out.commit },
          });
          return { task: next ?? mustTask(task.id), change: store.changes.get(changes[i].id)!, appliedFiles };
        });
        return { approved, superseded: supersedeSiblings(deps, winner, new Set(tasks.map((t) => t.id))) };
      });
      for (const t of tasks) await cleanupQuietly(t.id, false);
      // Superseded agents stop the way a cancel stops them; their branches stay, as a rejected task's do.
      await Promise.all(superseded.running.map((id) => deps.stopAgent?.(id)));
      for (const id of superseded.ids) await cleanupQuietly(id, true);
      return { approved, superseded: superseded.ids };
    });
  };

  return {
    approve(taskId: string, sel: { files?: string[]; hunks?: HunkRef[] }): Promise<ApproveResult> {
      return approvePicks([{ taskId, ...sel }]).then((r) => r.approved[0]);
    },

    /**
     * Approves selections from one or more siblings of a best-of-N group in one step (issue 17); the
     * first pick's task is the winner. The group's other unfinished siblings are superseded.
     */
    approvePicks,

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

/** The app's "commit" setting wins; otherwise switchboard.json's applyMode (issue 16), else working-tree (effectiveApplyMode). */
function applyModeOf(setting: 'working-tree' | 'commit' | undefined, cwd: string): 'working-tree' | 'commit' {
  if (setting === 'commit') return setting;
  try {
    return effectiveApplyMode({ applyMode: setting ?? 'working-tree' }, readSwitchboardFile(cwd));
  } catch {
    return 'working-tree';
  }
}
