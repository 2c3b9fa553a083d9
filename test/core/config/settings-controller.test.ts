import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import type { AppError } from '../../../electron/core/errors.js';
import { SettingsView } from '../../../shared/models/settings.js';
import { FAKE_CLAUDE, livePids, waitFor } from '../../fixtures/fake-claude-kit.js';
import { tempDir } from '../../helpers/temp.js';
import { setupScheduler } from '../scheduler/setup.js';

const SECRETS = ['dispatch-S3CRET-0001', 'sk-ant-SECRET-0002', 'pw-SECRET-0003', 'NEW-dispatch-SECRET-0004', 'tok-SECRET-0005'];

function coreWith(config: Record<string, unknown>): { core: Core; file: string } {
  const home = tempDir();
  const file = join(home, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  const core = createCore({ home, userHome: home });
  return { core, file };
}

const allAudit = (core: Core): string => JSON.stringify(core.store.db.prepare('SELECT * FROM audit ORDER BY seq').all());
const expectNoSecret = (text: string) => {
  for (const s of SECRETS) expect(text).not.toContain(s);
};

describe('settings.get and settings.update', () => {
  it('never sends a secret back, in any response or audit row, and still stores it', async () => {
    const { core, file } = coreWith({
      dispatchSecret: SECRETS[0],
      agents: { claude: { env: { ANTHROPIC_API_KEY: SECRETS[1], HTTPS_PROXY: 'http://proxy:3128' } }, mine: { command: 'mine', env: { DB_PASSWORD: SECRETS[2] } } },
    });
    const got = await core.call('settings.get', {});
    expect(SettingsView.parse(got)).toEqual(got);
    expectNoSecret(JSON.stringify(got));
    expect(got.config.dispatchSecret).toEqual({ set: true });
    expect(got.config.agents.claude.env).toEqual({ ANTHROPIC_API_KEY: { set: true }, HTTPS_PROXY: 'http://proxy:3128' });
    expect(got.config.agents.mine.env).toEqual({ DB_PASSWORD: { set: true } });

    const updated = await core.call('settings.update', {
      patch: { dispatchSecret: SECRETS[3], agents: { mine: { env: { API_TOKEN: SECRETS[4], DB_PASSWORD: null } } } },
      revision: got.revision,
    });
    expectNoSecret(JSON.stringify(updated));
    expect(updated.config.agents.mine.env).toEqual({ API_TOKEN: { set: true } });
    expectNoSecret(JSON.stringify(await core.call('app.status', {})));
    const audit = allAudit(core);
    expectNoSecret(audit);
    expect(audit).toContain('settings.changed');
    expect(audit).toContain('agents.mine.env.API_TOKEN');

    // The file has the new secrets (that is where they belong), and only the owner can read it.
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.dispatchSecret).toBe(SECRETS[3]);
    expect(onDisk.agents.mine.env).toEqual({ API_TOKEN: SECRETS[4] });
    expect(onDisk.agents.claude.env.ANTHROPIC_API_KEY).toBe(SECRETS[1]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(core.config.get().dispatchSecret).toBe(SECRETS[3]);

    const cleared = await core.call('settings.update', { patch: { dispatchSecret: null } });
    expect(cleared.config.dispatchSecret).toEqual({ set: false });
    expect('dispatchSecret' in JSON.parse(readFileSync(file, 'utf8'))).toBe(false);
    await core.dispose();
  });

  it('does not quote config.json in its error (a syntax error may sit next to a secret)', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'config.json'), `${SECRETS[0]} {`);
    const core = createCore({ home, userHome: home });
    const got = await core.call('settings.get', {});
    expect(got.error).toMatch(/not valid JSON/);
    expectNoSecret(JSON.stringify(got));
    expectNoSecret(JSON.stringify(await core.call('app.status', {})));
    const refused = (await core.call('settings.update', { patch: { maxConcurrent: 3 } }).catch((e: unknown) => e)) as AppError;
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/fix it in an editor/);
    await core.dispose();
  });

  it('refuses an invalid patch, naming the field, and leaves the file untouched', async () => {
    const { core, file } = coreWith({ maxConcurrent: 2, dispatchSecret: SECRETS[0] });
    chmodSync(file, 0o644);
    const before = readFileSync(file, 'utf8');
    const cases: [Record<string, unknown>, string][] = [
      [{ maxConcurrent: 0 }, 'patch.maxConcurrent'],
      [{ permissionPolicy: 'sometimes' }, 'patch.permissionPolicy'],
      [{ maxConcurent: 3 }, 'patch'],
      [{ trustedRoots: ['/code', 'relative/dir'] }, 'trustedRoots.1'],
      [{ agents: { mine: { args: ['--fast'] } } }, 'agents.mine.command'],
      [{ defaultAgent: 'nobody' }, 'defaultAgent'],
      [{ agents: { 'bad name!': { command: 'x' } } }, 'patch.agents.bad name!'],
    ];
    for (const [patch, path] of cases) {
      const err = (await core.call('settings.update', { patch }).catch((e: unknown) => e)) as AppError;
      expect(err.code, JSON.stringify(patch)).toBe('invalid_input');
      expect(err.details?.map((d) => d.path)).toContain(path);
      expectNoSecret(err.message);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(core.config.get().maxConcurrent).toBe(2);
    expect(allAudit(core)).not.toContain('settings.changed');
    await core.dispose();
  });

  it('refuses to overwrite an edit made elsewhere since the view was loaded', async () => {
    const { core, file } = coreWith({ maxConcurrent: 2 });
    const { revision } = await core.call('settings.get', {});
    writeFileSync(file, JSON.stringify({ maxConcurrent: 4 }));
    const err = (await core.call('settings.update', { patch: { localOnly: true }, revision }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('conflict');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ maxConcurrent: 4 });
    await core.dispose();
  });

  it('removes keys set to null, keeps the ones a patch does not name, and never writes defaults', async () => {
    const { core, file } = coreWith({ maxConcurrent: 4, trustedRoots: ['/code'], localOnly: true });
    const out = await core.call('settings.update', {
      patch: { maxConcurrent: null, dispatchDirs: ['~/inbox'], permissionPolicy: 'allow-reads', onInterrupted: 'leave', maxConcurrentPerProject: 1 },
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      trustedRoots: ['/code'], localOnly: true, dispatchDirs: ['~/inbox'], permissionPolicy: 'allow-reads', onInterrupted: 'leave', maxConcurrentPerProject: 1,
    });
    expect(out.config).toMatchObject({ maxConcurrent: 2, permissionPolicy: 'allow-reads', onInterrupted: 'leave', maxConcurrentPerProject: 1 });
    const again = await core.call('settings.update', { patch: { localOnly: true } });
    expect(again.revision).toBe(out.revision);
    expect((allAudit(core).match(/settings\.changed/g) ?? []).length).toBe(1);
    await core.dispose();
  });

  it('adds, changes and removes agents, and the registry sees each change', async () => {
    const { core } = coreWith({});
    await core.call('settings.update', { patch: { agents: { fake: { command: FAKE_CLAUDE, args: ['--print'] }, codex: { command: '/nowhere/codex' } } } });
    let agents = await core.call('agents.list', {});
    const fake = agents.find((a) => a.name === 'fake')!;
    expect(fake).toMatchObject({ builtIn: false, available: true, command: FAKE_CLAUDE, args: ['--print'], version: '2.0.37 (Claude Code)' });
    expect(agents.find((a) => a.name === 'codex')).toMatchObject({ builtIn: true, available: false, command: '/nowhere/codex', args: ['exec', '--json', '--skip-git-repo-check', '--sandbox', 'workspace-write'] });

    await core.call('settings.update', { patch: { agents: { fake: null, codex: { command: null } } } });
    agents = await core.call('agents.list', {});
    expect(agents.some((a) => a.name === 'fake')).toBe(false);
    expect(agents.find((a) => a.name === 'codex')?.command).toBe('codex');
    expect((await core.call('settings.get', {})).config.agents).toEqual({});
    await core.dispose();
  });

  it('sets and removes a project’s own concurrency limit', async () => {
    const { core } = coreWith({});
    const project = await core.call('projects.add', { dir: tempDir(), name: 'shop' });
    expect((await core.call('settings.projectLimit', { projectId: project.id, maxConcurrent: 1 })).settings.maxConcurrent).toBe(1);
    expect(core.store.projects.get(project.id)?.settings.maxConcurrent).toBe(1);
    expect((await core.call('settings.projectLimit', { projectId: project.id, maxConcurrent: null })).settings.maxConcurrent).toBeUndefined();
    expect(core.store.projects.get(project.id)?.settings.maxConcurrent).toBeUndefined();
    const missing = (await core.call('settings.projectLimit', { projectId: 999, maxConcurrent: 1 }).catch((e: unknown) => e)) as AppError;
    expect(missing.code).toBe('not_found');
    await core.dispose();
  });
});

describe('a saved setting takes effect at once', () => {
  it('raises maxConcurrent and the scheduler starts the waiting tasks', async () => {
    const s = setupScheduler({ config: { maxConcurrent: 1 } });
    const tasks = await Promise.all([0, 1].map(() => s.submit('read-line')));
    await waitFor(() => livePids(s.pidDir).length === 1, 5000, 'one agent');
    await new Promise((r) => setTimeout(r, 150));
    expect(s.core.store.tasks.counts()).toMatchObject({ running: 1, queued: 1 });
    await s.core.call('settings.update', { patch: { maxConcurrent: 2 } });
    expect(s.core.config.get().maxConcurrent).toBe(2);
    await waitFor(() => livePids(s.pidDir).length === 2, 5000, 'two agents while the first still runs');
    for (const t of tasks) {
      await s.waitState(t.id, 'running');
      await s.core.call('runs.write', { taskId: t.id, data: 'go\r' });
    }
    for (const t of tasks) await s.waitState(t.id, 'no_changes');
  });
});
