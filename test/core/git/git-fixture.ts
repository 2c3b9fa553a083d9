/** Real git repositories and a real core for the git and review tests. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/create-core.js';
import type { Task } from '../../../shared/models/task.js';
import type { CaptureResult } from '../../../electron/core/git/workspace.js';
import { tempDir } from '../../helpers/temp.js';
import { driveTo } from '../../helpers/drive-task.js';

export const GIT_TEST_ENV = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export const git = (cwd: string, ...args: string[]): string => execFileSync('git', ['-C', cwd, ...args], { env: GIT_TEST_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
}

/** A repository with `files` committed on main. */
export function makeRepo(dir: string, files: Record<string, string | Buffer>): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

export const commitAll = (dir: string, message: string): string => {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
};

/** Every file under dir (except .git) with its mode and a hash of its bytes: compare before and after. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      if (!rel && name === '.git') continue;
      const p = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, p));
      if (st.isDirectory()) walk(p);
      else if (st.isSymbolicLink()) out[p] = `link:${readlinkSync(join(dir, p))}`;
      else out[p] = `${(st.mode & 0o777).toString(8)}:${createHash('sha256').update(readFileSync(join(dir, p))).digest('hex')}`;
    }
  };
  walk('');
  return out;
}

/** The project's index and HEAD, to show a review left them alone. */
export const gitState = (dir: string): string => `${git(dir, 'rev-parse', 'HEAD')}\n${git(dir, 'ls-files', '-s')}\n${git(dir, 'status', '--porcelain')}`;

export const read = (root: string, p: string): string => readFileSync(join(root, p), 'utf8');
export const makeExecutable = (root: string, p: string): void => chmodSync(join(root, p), 0o755);

export interface Harness {
  core: Core;
  home: string;
  tmp: string;
  /** Creates a task the way the scheduler would take it: queued → preparing → running in its workspace. */
  start(projectDir: string, opts?: { inPlace?: boolean; baseBranch?: string }): Promise<{ task: Task; cwd: string }>;
  /** Ends the run: captures; awaiting_review when something changed, else no_changes. */
  finish(task: Task): Promise<CaptureResult | null>;
  /** A follow-up's new run in the same workspace. */
  resume(task: Task): Promise<{ task: Task; cwd: string }>;
}

export function harness(coreOptions: Partial<CoreOptions> = {}): Harness {
  const tmp = tempDir('sb-git-');
  const home = join(tmp, 'home');
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [tmp] }));
  const core = createCore({ home, ...coreOptions });
  afterEach(() => core.dispose());
  const run = async (task: Task, from: 'queued') => {
    driveTo(core.transition, task.id, from, 'preparing');
    const prepared = await core.workspace.prepare(core.store.tasks.get(task.id)!);
    driveTo(core.transition, task.id, 'preparing', 'running');
    return { task: core.store.tasks.get(task.id)!, cwd: prepared.cwd };
  };
  return {
    core,
    home,
    tmp,
    async start(projectDir, opts = {}) {
      const task = core.submit({ projectDir, prompt: 'do the thing\nin detail', agent: 'fake', source: 'cli', ...opts });
      return run(task, 'queued');
    },
    async finish(task) {
      const runRow = core.store.runs.create(task.id, 'fake', 'pty', core.instanceId, core.clock.now());
      const result = await core.workspace.capture(core.store.tasks.get(task.id)!, runRow.id);
      driveTo(core.transition, task.id, 'running', result ? 'awaiting_review' : 'no_changes');
      return result;
    },
    resume: (task) => run(task, 'queued'),
  };
}
