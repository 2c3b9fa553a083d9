/**
 * For a task that runs in the project directory itself (a non-git project, or a task set "in place"),
 * the review base is a snapshot taken before the run: a private git directory outside the project,
 * `--git-dir=<snapshot> --work-tree=<project>`. The project's own .git is never written to.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { GitRunner } from './git-runner.js';
import { SWITCHBOARD_IDENTITY } from './capture.js';

export const snapshotArgs = (gitDir: string, projectDir: string): string[] => [`--git-dir=${gitDir}`, `--work-tree=${projectDir}`];

/** Takes the snapshot; returns its commit. Reuses an existing snapshot (a follow-up run). */
export async function takeSnapshot(git: GitRunner, gitDir: string, projectDir: string, taskId: string): Promise<string> {
  const args = snapshotArgs(gitDir, projectDir);
  const call = (a: string[], env?: Record<string, string>) => git.text({ cwd: projectDir, args: [...args, ...a], env });
  if (existsSync(join(gitDir, 'HEAD'))) {
    const head = await git.run({ cwd: projectDir, args: [...args, 'rev-parse', '--verify', '-q', 'HEAD'], okCodes: [0, 1, 128] });
    if (head.code === 0) return head.stdout.toString().trim();
  }
  rmSync(gitDir, { recursive: true, force: true });
  mkdirSync(gitDir, { recursive: true });
  await git.run({ cwd: projectDir, args: ['init', '--quiet', '--bare', gitDir] });
  await call(['config', 'core.bare', 'false']);
  await call(['config', 'gc.auto', '0']);
  // A git project's own excludes apply to the snapshot too (its .gitignore files are read from the tree).
  const projectExclude = join(projectDir, '.git', 'info', 'exclude');
  if (existsSync(projectExclude)) {
    mkdirSync(join(gitDir, 'info'), { recursive: true });
    copyFileSync(projectExclude, join(gitDir, 'info', 'exclude'));
  }
  await call(['add', '-A', '--', '.'], { GIT_INDEX_FILE: join(gitDir, 'index') });
  const tree = await call(['write-tree'], { GIT_INDEX_FILE: join(gitDir, 'index') });
  const commit = await call(['commit-tree', tree, '-m', `switchboard: snapshot before ${taskId}`], SWITCHBOARD_IDENTITY);
  await call(['update-ref', 'HEAD', commit]);
  return commit;
}
