/** projects.repoStatus, projects.switchboardFile and projects.update against real temp git repositories. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import type { AppError } from '../../../electron/core/errors.js';
import { RepoStatus } from '../../../shared/models/project-status.js';
import { tempDir } from '../../helpers/temp.js';
import { commitAll, git, makeRepo, write } from '../git/git-fixture.js';

const newCore = (): Core => {
  const home = tempDir();
  return createCore({ home, userHome: '/' });
};
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe('projects.repoStatus', () => {
  it('reports the branch and every dirty file once: modified, staged, untracked, renamed and deleted', async () => {
    const core = newCore();
    const dir = makeRepo(join(tempDir(), 'shop'), { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n', 'd.txt': 'd\n' });
    const project = await core.call('projects.add', { dir, name: 'shop' });

    const clean = await core.call('projects.repoStatus', { projectId: project.id });
    expect(RepoStatus.parse(clean)).toEqual(clean);
    expect(clean).toMatchObject({ branch: 'main', dirty: 0, upstream: null, ahead: 0, behind: 0 });
    expect(clean.head).toBe(git(dir, 'rev-parse', 'HEAD'));

    write(dir, { 'a.txt': 'changed\n', 'new/one.txt': '1\n', 'new/two.txt': '2\n' });
    write(dir, { 'b.txt': 'staged\n' });
    git(dir, 'add', 'b.txt');
    git(dir, 'mv', 'c.txt', 'c-renamed.txt');
    rmSync(join(dir, 'd.txt'));
    writeFileSync(join(dir, '.gitignore'), 'ignored.log\n');
    writeFileSync(join(dir, 'ignored.log'), 'not counted\n');
    const dirty = await core.call('projects.repoStatus', { projectId: project.id });
    // a (modified), b (staged), c→c-renamed (one rename), d (deleted), new/one, new/two, .gitignore (untracked)
    expect(dirty.dirty).toBe(7);
    expect(dirty.branch).toBe('main');
    await core.dispose();
  });

  it('counts ahead and behind of the upstream, and says when HEAD is detached', async () => {
    const core = newCore();
    const root = tempDir();
    const origin = makeRepo(join(root, 'origin'), { 'x.txt': 'x\n' });
    git(root, 'clone', '-q', origin, 'clone');
    const dir = join(root, 'clone');
    write(dir, { 'mine.txt': '1\n' });
    commitAll(dir, 'mine 1');
    write(dir, { 'mine2.txt': '2\n' });
    commitAll(dir, 'mine 2');
    write(origin, { 'theirs.txt': 't\n' });
    commitAll(origin, 'theirs');
    git(dir, 'fetch', '-q');
    const project = await core.call('projects.add', { dir, name: 'clone' });

    expect(await core.call('projects.repoStatus', { projectId: project.id })).toMatchObject({ branch: 'main', upstream: 'origin/main', ahead: 2, behind: 1, dirty: 0 });

    git(dir, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(await core.call('projects.repoStatus', { projectId: project.id })).toMatchObject({ branch: null, upstream: null, ahead: 0, behind: 0 });
    await core.dispose();
  });

  it('reads a repository with no commit yet', async () => {
    const core = newCore();
    const dir = join(tempDir(), 'fresh');
    makeRepo(dir, { 'a.txt': 'a' });
    rmSync(join(dir, '.git'), { recursive: true });
    git(dir, 'init', '-q', '-b', 'trunk');
    const project = await core.call('projects.add', { dir });
    expect(await core.call('projects.repoStatus', { projectId: project.id })).toMatchObject({ branch: 'trunk', head: null, dirty: 1 });
    await core.dispose();
  });

  it('gives a readable error for a folder that is gone, one outside git, and an unknown project', async () => {
    const core = newCore();
    const gone = makeRepo(join(tempDir(), 'gone'), { 'a.txt': 'a' });
    const plain = join(tempDir(), 'plain');
    write(plain, { 'notes.txt': 'n' });
    const p1 = await core.call('projects.add', { dir: gone, name: 'gone' });
    const p2 = await core.call('projects.add', { dir: plain, name: 'plain' });
    renameSync(gone, `${gone}-moved`);

    const missing = await failure(core.call('projects.repoStatus', { projectId: p1.id }));
    expect(missing?.code).toBe('not_found');
    expect(missing?.message).toContain(`project gone: the folder ${gone} does not exist`);
    const notRepo = await failure(core.call('projects.repoStatus', { projectId: p2.id }));
    expect(notRepo?.code).toBe('invalid_input');
    expect(notRepo?.message).toContain(`project plain: ${plain} is not in a git repository`);
    expect((await failure(core.call('projects.repoStatus', { projectId: 999 })))?.code).toBe('not_found');
    // The core is still answering.
    expect((await core.call('projects.list', {})).length).toBe(2);
    await core.dispose();
  });
});

describe('projects.switchboardFile', () => {
  it('shows the file, its path and the app settings that replace its values', async () => {
    const core = newCore();
    const dir = makeRepo(join(tempDir(), 'shop'), { 'a.txt': 'a' });
    const project = await core.call('projects.add', { dir, name: 'shop' });
    expect(await core.call('projects.switchboardFile', { projectId: project.id })).toEqual({
      projectId: project.id, path: join(dir, 'switchboard.json'), found: false, file: null, error: null, overrides: [],
    });

    write(dir, { 'switchboard.json': JSON.stringify({ setup: 'npm ci', copyFiles: ['.env'], applyMode: 'working-tree', baseBranch: 'main' }) });
    const plain = await core.call('projects.switchboardFile', { projectId: project.id });
    expect(plain).toMatchObject({ found: true, error: null, overrides: [], file: { setup: 'npm ci', copyFiles: ['.env'], baseBranch: 'main' } });

    await core.call('projects.update', { projectId: project.id, settings: { copyFiles: ['.env.local'], applyMode: 'commit' } });
    const overridden = await core.call('projects.switchboardFile', { projectId: project.id });
    expect(overridden.overrides.map((o) => o.key)).toEqual(['copyFiles', 'applyMode']);

    write(dir, { 'switchboard.json': '{"setup": 3}' });
    const invalid = await core.call('projects.switchboardFile', { projectId: project.id });
    expect(invalid).toMatchObject({ found: true, file: null });
    expect(invalid.error).toContain('setup');
    await core.dispose();
  });
});

describe('projects.update', () => {
  it('stores the project settings, refuses bad ones by field, and a task without an agent runs the project default', async () => {
    const core = newCore();
    const dir = makeRepo(join(tempDir(), 'shop'), { 'a.txt': 'a' });
    const project = await core.call('projects.add', { dir, name: 'shop' });
    const events: number[] = [];
    core.bus.on('project.changed', ({ project: p }) => events.push(p.id));

    const updated = await core.call('projects.update', { projectId: project.id, name: 'web shop', settings: { applyMode: 'commit', copyFiles: ['.env'], defaultAgent: 'codex', maxConcurrent: 2 } });
    expect(updated).toMatchObject({ name: 'web shop', settings: { applyMode: 'commit', copyFiles: ['.env'], defaultAgent: 'codex', maxConcurrent: 2 } });
    expect(events).toEqual([project.id]);

    const bad = await failure(core.call('projects.update', { projectId: project.id, settings: { defaultAgent: 'nobody', copyFiles: ['../secrets', '/etc/passwd'] } }));
    expect(bad?.code).toBe('invalid_input');
    expect(bad?.details?.map((d) => d.path)).toEqual(['defaultAgent', 'copyFiles.0', 'copyFiles.1']);
    expect(core.store.projects.get(project.id)?.settings.defaultAgent).toBe('codex');

    const task = await core.call('tasks.create', { projectDir: dir, prompt: 'x' });
    expect(task.agent).toBe('codex');
    const named = await core.call('tasks.create', { projectDir: dir, prompt: 'y', agent: 'claude' });
    expect(named.agent).toBe('claude');

    const cleared = await core.call('projects.update', { projectId: project.id, settings: { defaultAgent: null, maxConcurrent: null, copyFiles: null, applyMode: null } });
    expect(cleared.settings).toEqual({ applyMode: 'working-tree', copyFiles: [] });
    await core.dispose();
  });
});

describe('app.status counts', () => {
  it('leaves archived tasks out of the totals and counts each project apart', async () => {
    const core = newCore();
    const one = makeRepo(join(tempDir(), 'one'), { 'a.txt': 'a' });
    const two = makeRepo(join(tempDir(), 'two'), { 'a.txt': 'a' });
    const a = await core.call('tasks.create', { projectDir: one, prompt: 'a' });
    const b = await core.call('tasks.create', { projectDir: one, prompt: 'b' });
    const c = await core.call('tasks.create', { projectDir: two, prompt: 'c' });
    await core.call('tasks.cancel', { id: b.id });
    expect((await core.call('app.status', {})).counts).toMatchObject({ queued: 2, cancelled: 1 });
    await core.call('tasks.archive', { id: b.id, archived: true });
    const status = await core.call('app.status', {});
    expect(status.counts).toMatchObject({ queued: 2, cancelled: 0 });
    expect(status.byProject).toEqual({ [a.projectId]: { queued: 1 }, [c.projectId]: { queued: 1 } });
    await core.dispose();
  });
});
