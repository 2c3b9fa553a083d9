// A throwaway git project with one commit, for benches that run tasks through a daemon.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The git identity benches give their repos and daemons (never the machine's global config). */
export const BENCH_GIT_ENV = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@example.com' };

export function benchRepo(prefix) {
  const project = mkdtempSync(join(tmpdir(), prefix));
  const git = (...a) => execFileSync('git', ['-C', project, ...a], { env: { ...process.env, ...BENCH_GIT_ENV }, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(project, 'README.md'), 'bench\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return project;
}
