/**
 * The files switchboard.json's `copyFiles` (and `.worktreeinclude`) put into a worktree that its base
 * commit does not track: they are the project's, not the agent's work, so capture and the
 * uncaptured-work check leave them out. The same for this machine's worktrees and a host's (read
 * through `git.fs` and the host's git).
 */
import { join } from 'node:path';
import { ProjectSettings } from '../../../shared/models/project.js';
import { SwitchboardFile } from '../../../shared/models/switchboard-file.js';
import type { GitRunner } from '../git/git-runner.js';
import type { TaskLocation } from '../git/workspace.js';
import { safeRelative } from '../git/worktrees.js';
import { filesToCopy, readSwitchboardFileOn } from './switchboard-file.js';

/**
 * What prepare() copied into the worktree at `loc` (the agent may have broken switchboard.json since:
 * then the app's list), less what the base commit tracks; paths relative to the repository root.
 */
export async function copiedExcludes(git: GitRunner, projectDir: string, loc: TaskLocation, base: string, settings: ProjectSettings | undefined): Promise<string[]> {
  const file = await readSwitchboardFileOn(git.fs, loc.cwd).catch(() => SwitchboardFile.parse({}));
  const copied = await filesToCopy(git, projectDir, file, settings ?? ProjectSettings.parse({}));
  const rels = copied.map(safeRelative).filter((p): p is string => !!p).map((p) => (loc.prefix ? join(loc.prefix, p) : p));
  if (!rels.length) return [];
  const tracked = await git.text({ cwd: loc.cwd, repo: loc.repo, args: ['ls-tree', '-r', '--name-only', '--full-tree', base, '--', ...rels], env: { GIT_LITERAL_PATHSPECS: '1' } });
  const set = new Set(tracked.split('\n').filter(Boolean));
  return rels.filter((p) => !set.has(p));
}
