/**
 * What the newest change record of a task holds, as one git tree id: its base with its whole patch
 * applied (treeFromPatch), or the tree recorded at capture by versions that took it then; with no
 * change, the base itself. A worktree whose tree (worktreeTree) differs holds uncaptured work. Shared
 * by this machine's and the hosts' workspaces (git/create-workspace.ts, remote/remote-workspace.ts).
 */
import type { Task } from '../../../shared/models/task.js';
import { selectPatch } from '../review/select-patch.js';
import type { ChangesRepo } from '../store/changes-repo.js';
import type { GitRunner } from './git-runner.js';
import { treeFromPatch } from './worktree-tree.js';

export async function capturedTree(git: GitRunner, changes: ChangesRepo, task: Task & { baseCommit: string }, repo: string, tmpDir: string): Promise<string | null> {
  const change = changes.latest(task.id);
  if (change?.review.tree) return change.review.tree;
  if (!change) return (await git.text({ cwd: repo, args: ['rev-parse', `${task.baseCommit}^{tree}`] })).trim();
  const patch = selectPatch(changes, change.id, task.id, {}).patch;
  return treeFromPatch(git, { repo, taskId: task.id, base: change.baseCommit ?? task.baseCommit, patch, tmpDir }).catch(() => null);
}
