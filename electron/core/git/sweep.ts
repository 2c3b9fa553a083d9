/**
 * Start-up cleaning (issue #6). Looks only at directories inside Switchboard's own worktree root and
 * snapshot folder whose names are task ids, and at switchboard/<task-id> branches of tasks this store
 * knows: nothing else is ever touched. The same sweep runs on each host (issue 14) through that
 * host's git and files (`git.fs`): its worktree root, for the tasks on that host.
 *  - task gone, applied or no_changes: worktree and branch removed;
 *  - rejected: worktree removed; branch kept config.keepRejectedBranchDays after the task ended;
 *  - failed, timed out, cancelled (retryable): worktree and branch kept as long, then removed;
 *  - any other state: kept.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TASK_ID_RE, type Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import type { HomePaths } from '../home.js';
import type { Store } from '../store/index.js';
import type { GitRunner } from './git-runner.js';
import { localFs } from './host-fs.js';
import { findRepo, type RepoInfo } from './repo-info.js';
import { removeWorktree } from './worktrees.js';
import type { SweepReport } from './workspace.js';

export interface SweepDeps {
  /** The machine's git; its `fs` lists and removes the folders. */
  git: GitRunner;
  store: Store;
  config: ConfigService;
  /** This machine's home (snapshots of in-place tasks); null on a host. */
  paths: HomePaths | null;
  clock: Clock;
  worktreeRoot: string;
  /** The host swept (issue 14), or null for this machine: only its tasks' worktrees are looked at. */
  host?: string | null;
  /**
   * Whether the worktree of a task this store does not know was made by this Switchboard. A host's
   * worktree root may be shared with other machines' Switchboards: theirs are never touched there.
   * Default: all (this machine's worktree root is this Switchboard's own).
   */
  ours?: (path: string) => Promise<boolean>;
  /** Whether a known task's worktree may go now (no uncaptured work; its teardown has run). */
  readyToRemove?: (task: Task, path: string) => Promise<boolean>;
  /** A task's repository, null when it is gone (default: findRepo of its project dir; a host resolves `~` there first). */
  repoOf?: (task: Task) => Promise<RepoInfo | null>;
}

const DAY_MS = 86_400_000;
const RETRYABLE_ENDS = new Set(['failed', 'timed_out', 'cancelled']);

type Verdict = 'keep' | 'remove-all' | 'remove-worktree';

function verdict(task: Task | null, now: number, keepMs: number): Verdict {
  if (!task) return 'remove-all';
  if (task.state === 'applied' || task.state === 'no_changes') return 'remove-all';
  const expired = task.endedAt != null && now - Date.parse(task.endedAt) >= keepMs;
  if (task.state === 'rejected') return expired ? 'remove-all' : 'remove-worktree';
  if (RETRYABLE_ENDS.has(task.state)) return expired ? 'remove-all' : 'keep';
  return 'keep';
}

/** The repository a worktree belongs to, read from git's own record (works when the task is gone). */
async function repoOfWorktree(git: GitRunner, path: string): Promise<string | null> {
  if (!(await git.fs.exists(join(path, '.git')))) return null;
  const out = await git.run({ cwd: path, args: ['rev-parse', '--path-format=absolute', '--git-common-dir'], okCodes: [0, 128] });
  if (out.code !== 0) return null;
  return dirname(out.stdout.toString().trim());
}

export async function sweepWorkspaces(deps: SweepDeps): Promise<SweepReport> {
  const { git, store, clock } = deps;
  const now = clock.now();
  const keepMs = deps.config.get().keepRejectedBranchDays * DAY_MS;
  const report: SweepReport = { removed: [], branchesDeleted: [], kept: [], failed: [] };
  const attempt = async (path: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      report.failed.push({ path, error: (err as Error).message });
    }
  };

  const host = deps.host ?? null;
  for (const project of await git.fs.dirs(deps.worktreeRoot)) {
    const projectDir = join(deps.worktreeRoot, project);
    for (const id of (await git.fs.dirs(projectDir)).filter((n) => TASK_ID_RE.test(n))) {
      const path = join(projectDir, id);
      const task = store.tasks.get(id);
      const v = verdict(task, now, keepMs);
      if (v === 'keep' || (task && ((task.host ?? null) !== host || (task.worktreePath && task.worktreePath !== path)))) continue;
      await attempt(path, async () => {
        if (!task && deps.ours && !(await deps.ours(path))) return;
        if (task && deps.readyToRemove && !(await deps.readyToRemove(task, path))) {
          report.kept.push(path);
          return;
        }
        const repo = await repoOfWorktree(git, path);
        const branch = task?.branch ?? `switchboard/${id}`;
        await removeWorktree(git, repo, path, branch, v === 'remove-all');
        report.removed.push(path);
        if (repo && v === 'remove-all') report.branchesDeleted.push(`${repo}:${branch}`);
        if (task) store.tasks.patch(id, v === 'remove-all' ? { worktree_path: null, branch: null } : { worktree_path: null }, now);
      });
    }
    await git.fs.rmdirIfEmpty(projectDir);
  }
  if (deps.paths) await sweepSnapshots(deps, deps.paths, report, keepMs);
  await sweepBranches(deps, report, attempt, keepMs);
  return report;
}

/** This machine only: snapshots of in-place tasks. */
async function sweepSnapshots(deps: SweepDeps, paths: HomePaths, report: SweepReport, keepMs: number): Promise<void> {
  const { store } = deps;
  const now = deps.clock.now();
  const snapshots = join(paths.root, 'snapshots');
  for (const name of (await localFs.dirs(snapshots)).filter((n) => n.endsWith('.git') && TASK_ID_RE.test(n.slice(0, -4)))) {
    const task = store.tasks.get(name.slice(0, -4));
    if (verdict(task, now, keepMs) === 'keep' && task?.state !== 'rejected') continue;
    rmSync(join(snapshots, name), { recursive: true, force: true });
    report.removed.push(join(snapshots, name));
  }

}

/** Branches of rejected/retryable tasks of this machine (or of the host swept) whose worktree is already gone, once their time is up. */
async function sweepBranches(deps: SweepDeps, report: SweepReport, attempt: (path: string, fn: () => Promise<void>) => Promise<void>, keepMs: number): Promise<void> {
  const { git, store } = deps;
  const now = deps.clock.now();
  const host = deps.host ?? null;
  const repoOf = deps.repoOf ?? ((task: Task) => findRepo(git, task.projectDir).catch(() => null));
  for (const id of store.tasks.idsInStates(['rejected', 'failed', 'timed_out', 'cancelled', 'applied', 'no_changes'])) {
    const task = store.tasks.get(id);
    if (!task?.branch || task.worktreePath || !task.branch.startsWith('switchboard/')) continue;
    if ((task.host ?? null) !== host) continue; // its repository is on another machine
    if (verdict(task, now, keepMs) !== 'remove-all') continue;
    const branch = task.branch;
    await attempt(`${task.projectDir}:${branch}`, async () => {
      const repo = await repoOf(task); // a throw (host unreachable) leaves the branch for the next sweep
      if (repo) {
        await git.run({ cwd: repo.root, args: ['branch', '-D', '--', branch], okCodes: [0, 1] });
        report.branchesDeleted.push(`${repo.root}:${branch}`);
      }
      store.tasks.patch(id, { branch: null }, now);
    });
  }
}
