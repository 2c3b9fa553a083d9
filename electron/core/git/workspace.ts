/**
 * What the scheduler needs from the git side (issue #6): a place for the run, and the captured
 * change once the agent ends. Implemented by createWorkspace() in this folder.
 */
import type { Task } from '../../../shared/models/task.js';
import type { ShellPlace } from '../provision/shell-step.js';

export interface PreparedWorkspace {
  /** Where the agent runs: the task's worktree, or the project dir for in-place / non-git projects. */
  cwd: string;
  baseCommit: string | null;
  branch: string | null;
  worktreePath: string | null;
  /** A new worktree made for this run (switchboard.json's setup runs in it); false for a reused one and in place. */
  created: boolean;
  /** Where switchboard.json is read and its setup runs: a host's (issue 14); absent for this machine. */
  shell?: ShellPlace;
}

export interface CaptureResult {
  changeId: number;
  filesChanged: number;
  additions: number;
  deletions: number;
}

export interface CleanupOptions {
  /** Keep the task's branch (a rejected task's, for config.keepRejectedBranchDays). */
  keepBranch?: boolean;
  /** A capture has just found no change (capture_empty): the worktree holds nothing uncaptured, so it is not asked again. */
  nothingUncaptured?: boolean;
}

export interface SweepReport {
  /** Worktree and snapshot directories removed. */
  removed: string[];
  /** Branches deleted, as "<repo>:<branch>". */
  branchesDeleted: string[];
  /** Worktrees kept because they hold work no captured change has (named in the audit trail). */
  kept: string[];
  /** What could not be cleaned this time (tried again at the next sweep). */
  failed: { path: string; error: string }[];
}

/**
 * How a task's tree is reached: its own worktree, or (in-place and non-git projects) the project dir
 * read through a private snapshot git dir.
 */
export interface TaskLocation {
  mode: 'worktree' | 'snapshot';
  /** The repository root (worktree mode) or the project dir (snapshot mode): where approvals land. */
  repo: string;
  /** Root of the tree the agent edits. */
  cwd: string;
  /** The project dir relative to the repository root ('' in snapshot mode). */
  prefix: string;
  /** Global git options addressing the tree (the snapshot's --git-dir/--work-tree). */
  globalArgs: string[];
  snapshotDir: string | null;
}

export interface Workspace {
  /** Creates (or, for a follow-up, reuses) the task's worktree and records base commit and branch. */
  prepare(task: Task): Promise<PreparedWorkspace>;
  /** Captures everything the run changed against the base; null when nothing changed. */
  capture(task: Task, runId: number): Promise<CaptureResult | null>;
  /** Whether the task's worktree holds work that its latest change record does not (then it is never removed). */
  uncapturedWork(taskId: string): Promise<boolean>;
  /** Removes the task's worktree (after apply/reject, or for a task that is gone). */
  cleanup(taskId: string, opts?: CleanupOptions): Promise<void>;
  /** Where a prepared task's tree is (for review). */
  locate(task: Task): Promise<TaskLocation>;
  /** Start-up cleaning: worktrees whose task is gone or ended, expired branches of rejected tasks. */
  sweep(): Promise<SweepReport>;
  dispose(): Promise<void>;
}
