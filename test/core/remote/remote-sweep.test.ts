/**
 * The sweep on a host (issue 14), against a real sshd: worktrees under the host's worktree root that
 * no live task owns go, by the local sweep's rules (git/sweep.ts): never a live task's, never one
 * holding work no captured change has, and never one another Switchboard made there (a host's
 * worktree root may be shared by several machines' Switchboards); and the branches of ended tasks
 * whose worktree is already gone, once their time is up.
 */
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { driveTo } from '../../helpers/drive-task.js';
import { sshdAvailable, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/temp.js';

const GIT_ID = 'GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com';

describe.skipIf(!sshdAvailable())('the sweep of a host', { timeout: 180_000 }, () => {
  let sshd: TestSshd;
  const cores: Core[] = [];
  beforeAll(async () => {
    sshd = await startSshd();
    sshd.run(`mkdir -p ~/projects/shop && cd ~/projects/shop && git init -q -b main && echo hi > README.md && git add -A && ${GIT_ID} git commit -qm init`);
  }, 60_000);
  afterAll(async () => {
    for (const c of cores) await c.dispose();
    sshd?.stop();
  });

  const newCore = (): Core => {
    const home = tempDir('sb-remote-sweep-');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ hosts: { box: { ...sshd.host, trustedRoots: ['~/projects'] } } }));
    const core = createCore({ home, userHome: home });
    cores.push(core);
    return core;
  };
  /** A task on the host with its worktree made (state preparing). */
  const prepared = async (core: Core) => {
    const task = core.submit({ projectDir: '~/projects/shop', host: 'box', prompt: 'sweep me', agent: 'fake', source: 'cli' });
    core.transition(task.id, 'claim');
    await core.workspace.prepare(core.store.tasks.get(task.id)!);
    return core.store.tasks.get(task.id)!;
  };
  const exists = (path: string) => sshd.run(`[ -d '${path}' ] && echo yes || echo no`).trim() === 'yes';
  const branches = () => sshd.run('cd ~/projects/shop && git branch --format="%(refname:short)"');

  it('removes ended tasks’ and orphaned worktrees of this Switchboard, keeps live ones, uncaptured work and other Switchboards’', async () => {
    const core = newCore();
    const other = newCore();
    await core.workspace.sweep(); // whatever the start-up sweep left to do is done
    const live = await prepared(core);
    const ended = await prepared(core);
    driveTo(core.transition, ended.id, 'preparing', 'no_changes');
    const dirty = await prepared(core);
    driveTo(core.transition, dirty.id, 'preparing', 'no_changes');
    sshd.run(`echo 'not captured' > '${dirty.worktreePath}/notes.txt'`);
    const theirs = await prepared(other); // unknown to `core`, made by another Switchboard
    const orphan = await prepared(other);
    // An orphan of `core`: a worktree it made for a task its store no longer has.
    sshd.run(`cd '${orphan.worktreePath}' && printf '%s\\n' '${hostname()}:${core.paths.root}' > "$(git rev-parse --absolute-git-dir)/switchboard-owner"`);

    const report = await core.workspace.sweep();

    expect(report.failed).toEqual([]);
    expect(exists(live.worktreePath!)).toBe(true);
    expect(exists(ended.worktreePath!)).toBe(false);
    expect(report.removed).toContain(`box:${ended.worktreePath}`);
    expect(core.store.tasks.get(ended.id)!.worktreePath).toBeNull();
    expect(exists(dirty.worktreePath!)).toBe(true);
    expect(report.kept).toContain(`box:${dirty.worktreePath}`);
    expect(core.store.audit.forTask(dirty.id).some((a) => a.kind === 'workspace.kept')).toBe(true);
    expect(exists(theirs.worktreePath!)).toBe(true);
    expect(exists(orphan.worktreePath!)).toBe(false);
    expect(report.removed).toContain(`box:${orphan.worktreePath}`);
    const left = branches();
    expect(left).toContain(`switchboard/${live.id}`);
    expect(left).toContain(`switchboard/${theirs.id}`);
    expect(left).not.toContain(`switchboard/${ended.id}`);
    expect(left).not.toContain(`switchboard/${orphan.id}`);
    // git forgot the removed ones too
    const listed = sshd.run('cd ~/projects/shop && git worktree list --porcelain');
    expect(listed).not.toContain(ended.worktreePath!);
    expect(listed).toContain(theirs.worktreePath!);
  }, 180_000);

  it("deletes on the host the branch of a task rejected long ago whose worktree is already gone, and keeps a recent one's", async () => {
    const core = newCore();
    await core.workspace.sweep();
    const old = await prepared(core);
    const recent = await prepared(core);
    for (const t of [old, recent]) {
      driveTo(core.transition, t.id, 'preparing', 'rejected');
      await core.workspace.cleanup(t.id, { keepBranch: true }); // the worktree goes, the branch stays for keepRejectedBranchDays
      expect(exists(t.worktreePath!)).toBe(false);
    }
    core.store.tasks.patch(old.id, { ended_at: Date.now() - 30 * 86_400_000 }, Date.now());
    expect(branches()).toContain(`switchboard/${old.id}`);

    const report = await core.workspace.sweep();

    expect(report.failed).toEqual([]);
    const left = branches();
    expect(left).not.toContain(`switchboard/${old.id}`);
    expect(left).toContain(`switchboard/${recent.id}`);
    expect(report.branchesDeleted).toContain(`box:${sshd.home}/projects/shop:switchboard/${old.id}`);
    expect(core.store.tasks.get(old.id)!.branch).toBeNull();
    expect(core.store.tasks.get(recent.id)!.branch).toBe(`switchboard/${recent.id}`);
  }, 180_000);
});
