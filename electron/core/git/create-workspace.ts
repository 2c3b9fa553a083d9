/** The Workspace (issue #6): worktrees, in-place snapshots, capture and cleanup, over a bounded git runner. */
import { existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ProjectSettings } from '../../../shared/models/project.js';
import type { Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError } from '../errors.js';
import { expandTilde, type HomePaths } from '../home.js';
import type { Store } from '../store/index.js';
import { captureChange } from './capture.js';
import { readyToRemove } from '../provision/teardown.js';
import { copiedExcludes } from '../provision/copy-excludes.js';
import { homeKeyOf } from '../runners/process-control/process-control.js';
import { worktreeTree } from './worktree-tree.js';
import { capturedTree } from './captured-tree.js';
import type { GitRunner } from './git-runner.js';
import { branchFor, findRepo, resolveBase, type RepoInfo } from './repo-info.js';
import { snapshotArgs, takeSnapshot } from './snapshot.js';
import { sweepWorkspaces } from './sweep.js';
import { filesToCopy, readSwitchboardFile } from '../provision/switchboard-file.js';
import { addWorktree, copyIgnoredFiles, isWorktree, removeWorktree, worktreeIndexPath, worktreePathFor } from './worktrees.js';
import type { CleanupOptions, PreparedWorkspace, TaskLocation, Workspace } from './workspace.js';

export interface WorkspaceDeps {
  git: GitRunner;
  store: Store;
  config: ConfigService;
  paths: HomePaths;
  clock: Clock;
  /** Stops the task's app (switchboard.json `run`) before its worktree goes. */
  stopApp?: (taskId: string) => Promise<void>;
}

/** Where worktrees go: config.worktreeRoot, else <home>/worktrees. */
export const worktreeRootOf = (config: ConfigService, paths: HomePaths): string => {
  const configured = config.get().worktreeRoot;
  return configured ? resolve(expandTilde(configured)) : paths.worktrees;
};

export const snapshotDirFor = (paths: HomePaths, taskId: string): string => join(paths.root, 'snapshots', `${taskId}.git`);

export function createWorkspace(deps: WorkspaceDeps): Workspace & { readonly git: GitRunner } {
  const { git, store, config, paths, clock, stopApp } = deps;
  const homeKey = homeKeyOf(paths.root);
  const tmpDir = join(paths.root, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const settingsOf = (task: Task): ProjectSettings => store.projects.get(task.projectId)?.settings ?? ProjectSettings.parse({});
  const fresh = (task: Task): Task => store.tasks.get(task.id) ?? task;

  /** A group's siblings share the base the first of them resolved (issue 17). */
  const groupBase = (task: Task, resolved: string): string => {
    if (!task.groupId) return resolved;
    store.tasks.setGroupBase(task.groupId, resolved);
    return store.tasks.get(task.id)?.baseCommit ?? resolved;
  };

  const prepareSnapshot = async (task: Task): Promise<PreparedWorkspace> => {
    const gitDir = snapshotDirFor(paths, task.id);
    const base = await takeSnapshot(git, gitDir, task.projectDir, task.id);
    store.tasks.patch(task.id, { base_commit: base, branch: null, worktree_path: null }, clock.now());
    return { cwd: task.projectDir, baseCommit: base, branch: null, worktreePath: null, created: false };
  };

  /** The worktree's index and the copied-in files capture leaves out (worktree mode). */
  const treeInputs = async (task: Task, loc: TaskLocation): Promise<{ sourceIndex: string | null; excludes: string[] }> => {
    if (loc.mode !== 'worktree' || !task.baseCommit) return { sourceIndex: loc.snapshotDir ? join(loc.snapshotDir, 'index') : null, excludes: [] };
    const indexPath = worktreeIndexPath(loc.cwd) ?? (await git.text({ cwd: loc.cwd, repo: loc.repo, args: ['rev-parse', '--git-path', 'index'] }));
    const excludes = await copiedExcludes(git, task.projectDir, loc, task.baseCommit, settingsOf(task));
    return { sourceIndex: isAbsolute(indexPath) ? indexPath : join(loc.cwd, indexPath), excludes };
  };

  // A project's repository, remembered while its .git is there: capture locates the task every time,
  // and each git process counts on a loaded machine.
  const repos = new Map<string, RepoInfo>();
  const repoOf = async (dir: string): Promise<RepoInfo | null> => {
    const known = repos.get(dir);
    if (known && existsSync(join(known.root, '.git'))) return known;
    const found = await findRepo(git, dir);
    if (found) repos.set(dir, found);
    else repos.delete(dir);
    return found;
  };

  const locate = async (input: Task): Promise<TaskLocation> => {
    const task = fresh(input);
    if (task.worktreePath) {
      const repo = await repoOf(task.projectDir);
      if (!repo) throw new AppError('conflict', `task ${task.id}: its project ${task.projectDir} is no longer a git repository`);
      return { mode: 'worktree', repo: repo.root, cwd: task.worktreePath, prefix: repo.prefix, globalArgs: [], snapshotDir: null };
    }
    const snapshotDir = snapshotDirFor(paths, task.id);
    if (!task.baseCommit || !existsSync(snapshotDir)) {
      throw new AppError('conflict', `task ${task.id} has no worktree or snapshot: it was never prepared, or was already cleaned up`);
    }
    return { mode: 'snapshot', repo: task.projectDir, cwd: task.projectDir, prefix: '', globalArgs: snapshotArgs(snapshotDir, task.projectDir), snapshotDir };
  };

  const uncapturedWork = async (taskId: string): Promise<boolean> => {
    const task = store.tasks.get(taskId);
    if (!task?.worktreePath || !task.baseCommit || !existsSync(task.worktreePath)) return false;
    const loc = await locate(task).catch(() => null);
    if (!loc || loc.mode !== 'worktree') return false;
    const { sourceIndex, excludes } = await treeInputs(task, loc);
    const now = await worktreeTree(git, { cwd: task.worktreePath, repo: loc.repo, sourceIndex, excludes, tmpDir });
    const captured = await capturedTree(git, store.changes, { ...task, baseCommit: task.baseCommit }, loc.repo, tmpDir);
    return now !== captured;
  };

  return {
    git,
    async prepare(input) {
      const task = fresh(input);
      const repo = task.inPlace ? null : await findRepo(git, task.projectDir);
      if (!repo) return prepareSnapshot(task);

      const branch = task.branch ?? branchFor(task.id);
      if (task.worktreePath && task.baseCommit && (await isWorktree(git, repo.root, task.worktreePath))) {
        return { cwd: join(task.worktreePath, repo.prefix), baseCommit: task.baseCommit, branch, worktreePath: task.worktreePath, created: false };
      }
      // The dispatch's base branch, else switchboard.json's (as the project has it now), else HEAD.
      const baseBranch = task.baseBranch ?? readSwitchboardFile(task.projectDir).baseBranch ?? null;
      const base = task.baseCommit ?? (await groupBase(task, await resolveBase(git, repo, task.id, baseBranch)));
      const project = store.projects.get(task.projectId);
      const path = task.worktreePath ?? worktreePathFor(worktreeRootOf(config, paths), project?.name ?? 'project', task.id);
      await addWorktree(git, repo.root, path, branch, base);
      const cwd = join(path, repo.prefix);
      store.tasks.patch(task.id, { base_commit: base, branch, worktree_path: path }, clock.now());
      // switchboard.json as committed at the base (the worktree's copy); an invalid one fails the task.
      await copyIgnoredFiles(git.fs, task.projectDir, cwd, await filesToCopy(git, task.projectDir, readSwitchboardFile(cwd), settingsOf(task)));
      return { cwd, baseCommit: base, branch, worktreePath: path, created: true };
    },

    async capture(input, runId) {
      const task = fresh(input);
      if (!task.baseCommit) throw new AppError('conflict', `task ${task.id} has no base commit: prepare() was not called for it`);
      const loc = await locate(task);
      const { sourceIndex, excludes } = await treeInputs(task, loc);
      const result = await captureChange(
        { git, changes: store.changes, now: () => clock.now(), tmpDir },
        { taskId: task.id, runId: store.runs.get(runId) ? runId : null, cwd: loc.cwd, repo: loc.repo, globalArgs: loc.globalArgs, sourceIndex, baseCommit: task.baseCommit, excludes },
      );
      return result;
    },

    uncapturedWork,

    async cleanup(taskId, opts: CleanupOptions = {}) {
      const task = store.tasks.get(taskId);
      if (!task) return;
      if (task.worktreePath) {
        const repo = await findRepo(git, task.projectDir);
        // Right after a capture that found no change, the worktree holds nothing uncaptured: asking again costs ~5 git processes.
        const retire = { store, clock, config, homeKey, uncapturedWork: opts.nothingUncaptured ? async () => false : uncapturedWork, stopApp };
        if (!(await readyToRemove(retire, task, task.worktreePath, repo?.prefix ?? ''))) return;
        await removeWorktree(git, repo?.root ?? null, task.worktreePath, task.branch, !opts.keepBranch);
        store.tasks.patch(taskId, opts.keepBranch ? { worktree_path: null } : { worktree_path: null, branch: null }, clock.now());
      }
      await rm(snapshotDirFor(paths, taskId), { recursive: true, force: true });
    },

    locate,
    sweep: () =>
      sweepWorkspaces({
        git, store, config, paths, clock,
        worktreeRoot: worktreeRootOf(config, paths),
        readyToRemove: async (task, path) => readyToRemove({ store, clock, config, homeKey, uncapturedWork, stopApp }, task, path, (await findRepo(git, task.projectDir).catch(() => null))?.prefix ?? ''),
      }),
    async dispose() {
      git.dispose();
      await rm(tmpDir, { recursive: true, force: true });
    },
  };
}
