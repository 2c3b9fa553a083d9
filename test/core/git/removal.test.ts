import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, harness, makeRepo, write } from './git-fixture.js';

describe('removing a worktree', () => {
  it("runs switchboard.json's teardown in it first", async () => {
    const h = harness();
    const marker = join(h.tmp, 'teardown-ran');
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', 'switchboard.json': JSON.stringify({ teardown: `pwd > ${marker}` }) });
    const { task, cwd } = await h.start(project);
    write(cwd, { 'a.txt': 'b\n' });
    await h.finish(task);
    await h.core.call('changes.approve', { taskId: task.id });
    expect(readFileSync(marker, 'utf8').trim()).toBe(cwd);
    expect(existsSync(cwd)).toBe(false);
  });

  it('keeps a worktree that holds work no captured change has, and names it', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', '.gitignore': 'node_modules/\n' });
    const { task, cwd } = await h.start(project);
    write(cwd, { 'a.txt': 'b\n' });
    await h.finish(task);
    write(cwd, { 'late.txt': 'written after the capture\n', 'node_modules/x.js': 'ignored, does not count\n' });
    await h.core.call('changes.reject', { taskId: task.id });
    expect(existsSync(join(cwd, 'late.txt'))).toBe(true);
    expect(h.core.store.audit.forTask(task.id).find((e) => e.kind === 'workspace.kept')).toMatchObject({ data: { path: cwd } });
    expect(git(project, 'worktree', 'list')).toContain(cwd);
  });

  it('removes a worktree whose content is exactly what was captured, ignored files and all', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', '.gitignore': 'node_modules/\n' });
    const { task, cwd } = await h.start(project);
    write(cwd, { 'a.txt': 'b\n', 'new.txt': 'n\n', 'node_modules/x.js': 'ignored\n' });
    await h.finish(task);
    await h.core.call('changes.reject', { taskId: task.id });
    expect(existsSync(cwd)).toBe(false);
    expect(h.core.store.audit.forTask(task.id).some((e) => e.kind === 'workspace.kept')).toBe(false);
  });
});

describe('copying ignored files into a new worktree', () => {
  it("copies switchboard.json's copyFiles and what .worktreeinclude matches, and captures neither", async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'proj'), {
      '.gitignore': '.env\n.env.local\nsecrets/\nbuild/\n',
      '.worktreeinclude': '.env.local\nsecrets/\n',
      'switchboard.json': JSON.stringify({ copyFiles: ['.env'] }),
      'a.txt': 'a\n',
    });
    write(project, { '.env': 'A=1\n', '.env.local': 'B=2\n', 'secrets/key.txt': 'k\n', 'build/out.js': 'not listed\n' });
    const { task, cwd } = await h.start(project);
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe('A=1\n');
    expect(readFileSync(join(cwd, '.env.local'), 'utf8')).toBe('B=2\n');
    expect(readFileSync(join(cwd, 'secrets/key.txt'), 'utf8')).toBe('k\n');
    expect(existsSync(join(cwd, 'build'))).toBe(false);
    write(cwd, { 'a.txt': 'b\n' });
    await h.finish(task);
    const { files } = await h.core.call('changes.get', { taskId: task.id });
    expect(files.map((f) => f.path)).toEqual(['a.txt']);
    await h.core.call('changes.approve', { taskId: task.id });
    expect(existsSync(cwd)).toBe(false); // copied files are not "uncaptured work"
  });
});
