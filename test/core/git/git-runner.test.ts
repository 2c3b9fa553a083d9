import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitRunner, GitError } from '../../../electron/core/git/git-runner.js';
import { tempDir } from '../../helpers/temp.js';

const root = join(import.meta.dirname, '../../..');

/** A stand-in `git` first on PATH that logs when each call starts and ends, and sleeps as told. */
function fakeGit(dir: string, log: string): void {
  const script = `#!/bin/sh\necho "start $$" >> ${log}\nsleep "\${SLEEP:-0.2}"\necho "end $$" >> ${log}\necho "args: $*"\n`;
  writeFileSync(join(dir, 'git'), script);
  chmodSync(join(dir, 'git'), 0o755);
}

/** The most calls that were running at once, from the log. */
function maxConcurrent(log: string): number {
  let now = 0;
  let max = 0;
  for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
    now += line.startsWith('start') ? 1 : -1;
    max = Math.max(max, now);
  }
  return max;
}

describe('git runner', () => {
  let path: string | undefined;
  beforeEach(() => {
    path = process.env.PATH;
  });
  afterEach(() => {
    process.env.PATH = path;
  });

  it('runs at most poolSize calls at once per repository, and repositories do not wait on each other', async () => {
    const dir = tempDir();
    const log = join(dir, 'log');
    fakeGit(dir, log);
    process.env.PATH = `${dir}:${path}`;
    const git = createGitRunner({ poolSize: 2 });
    const calls = Array.from({ length: 6 }, (_, i) => git.text({ cwd: dir, repo: 'repo-a', args: ['status', String(i)] }));
    const outputs = await Promise.all(calls);
    expect(outputs[3]).toBe(`args: -C ${dir} status 3`);
    expect(maxConcurrent(log)).toBe(2);

    writeFileSync(log, '');
    await Promise.all([git.text({ cwd: dir, repo: 'repo-a', args: ['x'] }), git.text({ cwd: dir, repo: 'repo-b', args: ['y'] })]);
    expect(maxConcurrent(log)).toBe(2);
    git.dispose();
  });

  it('stops a call that runs past its time limit and says so', async () => {
    const dir = tempDir();
    fakeGit(dir, join(dir, 'log'));
    process.env.PATH = `${dir}:${path}`;
    const git = createGitRunner();
    const t = Date.now();
    const err = await git.run({ cwd: dir, args: ['fetch'], env: { SLEEP: '5' }, timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(GitError);
    expect(err.message).toMatch(/git fetch in .* took longer than 0 s and was stopped/);
    expect(Date.now() - t).toBeLessThan(3000);
    git.dispose();
  });

  it('reports a failing call with its exit code and stderr, unless the code is expected', async () => {
    const dir = tempDir();
    const git = createGitRunner();
    const err = await git.run({ cwd: dir, args: ['rev-parse', 'HEAD'] }).catch((e) => e);
    expect(err).toBeInstanceOf(GitError);
    expect(err.exitCode).toBe(128);
    expect(err.message).toMatch(/git rev-parse HEAD in .* failed \(exit 128\): fatal: not a git repository/);
    const ok = await git.run({ cwd: dir, args: ['rev-parse', 'HEAD'], okCodes: [0, 128] });
    expect(ok.code).toBe(128);
    git.dispose();
  });

  it('starts git off the event loop: a call in flight keeps the process alive, an idle runner does not, and input reaches git', async () => {
    // A plain Node process with the built runner, never disposed: it must print the answer, then exit by itself.
    const dir = tempDir();
    const script = [
      `import { createGitRunner } from ${JSON.stringify(join(root, 'out/electron/core/git/git-runner.js'))};`,
      'const git = createGitRunner();',
      `const out = await git.text({ cwd: ${JSON.stringify(dir)}, args: ['hash-object', '--stdin'], input: 'hello\\n' });`,
      'console.log(out);',
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('ce013625030ba8dba906f756967f9e9ca394464a'); // git's id of the blob "hello\n"
  });

  it("streams a call's output in order and kills it when its reader fails", async () => {
    const dir = tempDir();
    const git = createGitRunner();
    const seen: string[] = [];
    await git.stream({ cwd: dir, args: ['version'] }, (c) => void seen.push(c.toString()));
    expect(seen.join('')).toMatch(/^git version /);
    const err = await git.stream({ cwd: dir, args: ['hash-object', '--stdin'], input: 'x' }, () => {
      throw new Error('reader failed');
    }).catch((e) => e);
    expect(err.message).toBe('reader failed');
    git.dispose();
  });
});
