/**
 * Start-up cleaning (issue #6). Looks only at directories inside Switchboard's own worktree root and
 * snapshot folder whose names are task ids, and at switchboard/<task-id> branches of tasks this store
 * knows: nothing else is ever touched.
 *  - task gone, applied or no_changes: worktree and branch removed;
 *  - rejected: worktree removed; branch kept config.keepRejectedBranchDays after the task ended;
 *  - failed, timed out, cancelled (retryable): worktree and branch kept as long, then removed;
 *  - any other state: kept.
 */
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TASK_ID_RE, type Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import type { HomePaths } from '../home.js';
import type { Store } from '../store/index.js';
import type { GitRunner } from './git-runner.js';
import { findRepo } from './repo-info.js';
import { removeWorktree } from './worktrees.js';
import type { SweepReport } from './workspace.js';

export interface SweepDeps {
  git: GitRunner;
  store: Store;
  config: ConfigService;
  paths: HomePaths;
  clock: Clock;
  worktreeRoot: string;
  /** Whether a known task's worktree may go now (no uncaptured work; its teardown has run). */
  readyToRemove?: (task: Task, path: string) => Promise<boolean>;
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

const listDirs = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
};

/** The repository a worktree belongs to, read from git's own record (works when the task is gone). */
async function repoOfWorktree(git: GitRunner, path: string): Promise<string | null> {
  if (!existsSync(join(path, '.git'))) return null;
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

  for (const project of listDirs(deps.worktreeRoot)) {
    const projectDir = join(deps.worktreeRoot, project);
    for (const id of listDirs(projectDir).filter((n) => TASK_ID_RE.test(n))) {
      const path = join(projectDir, id);
      const task = store.tasks.get(id);
      const v = verdict(task, now, keepMs);
      if (v === 'keep' || (task && task.worktreePath && task.worktreePath !== path)) continue;
      await attempt(path, async () => {
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
    try {
      rmdirSync(projectDir); // only succeeds when empty
    } catch {}
  }

  const snapshots = join(deps.paths.root, 'snapshots');
  for (const name of listDirs(snapshots).filter((n) => n.endsWith('.git') && TASK_ID_RE.test(n.slice(0, -4)))) {
    const task = store.tasks.get(name.slice(0, -4));
    if (verdict(task, now, keepMs) === 'keep' && task?.state !== 'rejected') continue;
    rmSync(join(snapshots, name), { recursive: true, force: true });
    report.removed.push(join(snapshots, name));
  }

  // Branches of rejected/retryable tasks whose worktree is already gone, once their time is up.
  for (const id of store.tasks.idsInStates(['rejected', 'failed', 'timed_out', 'cancelled', 'applied', 'no_changes'])) {
    const task = store.tasks.get(id);
    if (!task?.branch || task.worktreePath || !task.branch.startsWith('switchboard/')) continue;
    if (task.host) continue; // its repository is on a host (issue 14): not this machine's to sweep
    if (verdict(task, now, keepMs) !== 'remove-all') continue;
    const branch = task.branch;
    await attempt(`${task.projectDir}:${branch}`, async () => {
      const repo = await findRepo(git, task.projectDir).catch(() => null);
      if (repo) {
        await git.run({ cwd: repo.root, args: ['branch', '-D', '--', branch], okCodes: [0, 1] });
        report.branchesDeleted.push(`${repo.root}:${branch}`);
      }
      store.tasks.patch(id, { branch: null }, now);
    });
  }
  return report;
}
