import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, harness, makeExecutable, makeRepo, read, write } from './git-fixture.js';

const BINARY = Buffer.from([0, 1, 2, 3, 255, 254, 0, 10, 13, 0, 7]);

describe('capture', () => {
  it('captures edits, additions, deletions, renames, mode changes and binaries against the base', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), {
      'edit.txt': 'one\ntwo\nthree\n',
      'gone.txt': 'bye\n',
      'old-name.txt': 'a file that is renamed\nwith several lines\nso git sees it as a rename\n',
      'run.sh': 'echo hi\n',
      '.gitignore': 'ignored.log\n',
    });
    const { task, cwd } = await h.start(project);
    write(cwd, { 'edit.txt': 'one\nTWO\nthree\n', 'added.txt': 'new file\n', 'pic.bin': BINARY, 'ignored.log': 'never captured\n' });
    rmSync(join(cwd, 'gone.txt'));
    renameSync(join(cwd, 'old-name.txt'), join(cwd, 'new-name.txt'));
    makeExecutable(cwd, 'run.sh');
    const statusBefore = git(cwd, 'status', '--porcelain');
    const indexBefore = git(cwd, 'ls-files', '-s');

    const result = await h.finish(task);
    expect(result).toMatchObject({ filesChanged: 6, additions: 2, deletions: 2 });

    const { files, change } = await h.core.call('changes.get', { taskId: task.id });
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(byPath['edit.txt']).toMatchObject({ status: 'modified', additions: 1, deletions: 1, binary: false });
    expect(byPath['added.txt']).toMatchObject({ status: 'added', additions: 1, newMode: '100644' });
    expect(byPath['gone.txt']).toMatchObject({ status: 'deleted', deletions: 1 });
    expect(byPath['new-name.txt']).toMatchObject({ status: 'renamed', oldPath: 'old-name.txt' });
    expect(byPath['run.sh']).toMatchObject({ status: 'mode', oldMode: '100644', newMode: '100755' });
    expect(byPath['pic.bin']).toMatchObject({ status: 'added', binary: true, size: BINARY.length });
    expect(byPath['ignored.log']).toBeUndefined();
    expect(change).toMatchObject({ state: 'pending', filesCount: 6, baseCommit: git(project, 'rev-parse', 'HEAD') });

    const edit = await h.core.call('changes.fileDiff', { taskId: task.id, path: 'edit.txt' });
    expect(edit.patch).toMatch(/^diff --git a\/edit.txt b\/edit.txt\n/);
    expect(edit.patch).toContain('-two\n+TWO\n');
    expect(edit.patch).not.toContain('added.txt');
    const bin = await h.core.call('changes.fileDiff', { taskId: task.id, path: 'pic.bin' });
    expect(bin.file.binary).toBe(true);
    expect(bin.patch).not.toContain('GIT binary patch');
    // The agent's own index and working tree were not touched by the capture.
    expect(git(cwd, 'status', '--porcelain')).toBe(statusBefore);
    expect(git(cwd, 'ls-files', '-s')).toBe(indexBefore);
    expect(h.core.store.tasks.get(task.id)!.state).toBe('awaiting_review');
  });

  it('includes what the agent committed on its branch, plus what it left uncommitted', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    const { task, cwd } = await h.start(project);
    write(cwd, { 'a.txt': 'a committed\n' });
    git(cwd, 'commit', '-qam', 'agent commit');
    write(cwd, { 'b.txt': 'b uncommitted\n', 'c.txt': 'c untracked\n' });
    await h.finish(task);
    const { files } = await h.core.call('changes.get', { taskId: task.id });
    expect(files.map((f) => f.path).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('returns null and stores nothing when the run changed nothing (an ignored file does not count)', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', '.gitignore': '*.log\n' });
    const { task, cwd } = await h.start(project);
    writeFileSync(join(cwd, 'build.log'), 'noise');
    expect(await h.finish(task)).toBeNull();
    expect(h.core.store.tasks.get(task.id)!.state).toBe('no_changes');
    expect(h.core.store.changes.latest(task.id)).toBeNull();
  });

  it('copies the project settings copyFiles into the worktree and leaves them out of the capture', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n' });
    writeFileSync(join(project, '.env'), 'SECRET=1\n'); // untracked and not even ignored
    await h.core.call('projects.add', { dir: project, settings: { copyFiles: ['.env', '../outside', 'missing.txt'] } });
    const { task, cwd } = await h.start(project);
    expect(read(cwd, '.env')).toBe('SECRET=1\n');
    expect(existsSync(join(cwd, 'missing.txt'))).toBe(false);
    write(cwd, { 'a.txt': 'changed\n' });
    await h.finish(task);
    const { files } = await h.core.call('changes.get', { taskId: task.id });
    expect(files.map((f) => f.path)).toEqual(['a.txt']);
  });

  it('captures a file name with spaces, quotes and non-ASCII characters exactly', async () => {
    const h = harness();
    const odd = 'dir with space/naïve "quoted"\tname.txt';
    const project = makeRepo(join(h.tmp, 'proj'), { [odd]: 'x\n', 'plain.txt': 'p\n' });
    const { task, cwd } = await h.start(project);
    write(cwd, { [odd]: 'y\n', 'plain.txt': 'q\n' });
    await h.finish(task);
    const { files } = await h.core.call('changes.get', { taskId: task.id });
    expect(files.map((f) => f.path).sort()).toEqual([odd, 'plain.txt'].sort());
    const diff = await h.core.call('changes.fileDiff', { taskId: task.id, path: odd });
    expect(diff.patch).toContain('-x\n+y\n');
  });

  it('sees a same-size edit made in the same clock tick as the checkout (racy git)', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'aaaa\n' });
    git(project, 'config', 'core.trustctime', 'false');
    const { task, cwd } = await h.start(project);
    // Make it exact rather than lucky: the edit keeps the size and the checkout's mtime, and the
    // worktree's index carries that same mtime, so only git's racy-entry check can see the edit.
    const index = resolve(cwd, git(cwd, 'rev-parse', '--git-path', 'index'));
    const ref = join(h.tmp, 'ref');
    writeFileSync(ref, '');
    execFileSync('touch', ['-r', join(cwd, 'a.txt'), ref]);
    writeFileSync(join(cwd, 'a.txt'), 'abcd\n');
    execFileSync('touch', ['-r', ref, join(cwd, 'a.txt')]);
    execFileSync('touch', ['-r', ref, index]);
    await new Promise((r) => setTimeout(r, 1100)); // git compares index and file times to the second
    expect(execFileSync('git', ['-C', cwd, 'diff', '--name-only'], { env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).toString()).toBe('a.txt\n');
    expect(await h.finish(task)).toMatchObject({ filesChanged: 1 });
  });

  it('captures only the real change when an agent also rewrote a file with identical content', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'same.txt': 'unchanged\n', 'same2.txt': 'also\n', 'edit.txt': 'x\n' });
    const { task, cwd } = await h.start(project);
    // `sed -i` with no match, a formatter, printf of the same text: new mtime (and inode), same bytes.
    const later = new Date(Date.now() + 5000);
    for (const f of ['same.txt', 'same2.txt']) {
      writeFileSync(join(cwd, f), read(cwd, f));
      utimesSync(join(cwd, f), later, later);
    }
    write(cwd, { 'edit.txt': 'y\n' });
    expect(await h.finish(task)).toMatchObject({ filesChanged: 1, additions: 1, deletions: 1 });
    const { files } = await h.core.call('changes.get', { taskId: task.id });
    expect(files.map((f) => f.path)).toEqual(['edit.txt']);
  });

  it('ends no_changes when the only thing the agent did was rewrite a file with identical content', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'same.txt': 'unchanged\n' });
    const { task, cwd } = await h.start(project);
    const later = new Date(Date.now() + 5000);
    writeFileSync(join(cwd, 'same.txt'), 'unchanged\n');
    utimesSync(join(cwd, 'same.txt'), later, later);
    expect(await h.finish(task)).toBeNull();
    expect(h.core.store.tasks.get(task.id)!.state).toBe('no_changes');
  });
});
