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
