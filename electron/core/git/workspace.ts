/**
 * What the scheduler needs from the git side (issue #6): a place for the run, and the captured
 * change once the agent ends. Implemented by createWorkspace() in this folder.
 */
import type { Task } from '../../../shared/models/task.js';

export interface PreparedWorkspace {
  /** Where the agent runs: the task's worktree, or the project dir for in-place / non-git projects. */
  cwd: string;
  baseCommit: string | null;
  branch: string | null;
  worktreePath: string | null;
}

export interface CaptureResult {
  changeId: number;
  filesChanged: number;
  additions: number;
  deletions: number;
}

export interface Workspace {
  /** Creates (or, for a follow-up, reuses) the task's worktree and records base commit and branch. */
  prepare(task: Task): Promise<PreparedWorkspace>;
  /** Captures everything the run changed against the base; null when nothing changed. */
  capture(task: Task, runId: number): Promise<CaptureResult | null>;
  /** Removes the task's worktree (after apply/reject, or for a task that is gone). */
  cleanup(taskId: string): Promise<void>;
  dispose(): Promise<void>;
}
