/**
 * Hosts against a real sshd on 127.0.0.1 (issue 14): add, list, test and remove through the
 * contract, and the errors a person must be able to act on: unreachable, refused login, a changed
 * host key, and git or an agent missing on the host.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import type { HostConfig } from '../../../shared/models/host.js';
import { sshdAvailable, startSshd, type TestSshd } from '../../helpers/sshd.js';
import { tempDir } from '../../helpers/temp.js';

describe.skipIf(!sshdAvailable())('hosts over a real sshd', { timeout: 180_000 }, () => {
  let sshd: TestSshd;
  let core: Core;
  beforeAll(async () => {
    sshd = await startSshd();
    const home = tempDir('sb-hosts-');
    core = createCore({ home, userHome: home });
  }, 60_000);
  afterAll(async () => {
    await core?.dispose();
    sshd?.stop();
  });

  const check = (r: { checks: { name: string; ok: boolean; detail: string }[] }, name: string) => r.checks.find((c) => c.name === name)!;

  it('adds, lists, tests and removes a host; the test logs in as the remote user and finds git and an agent', async () => {
    const listed = await core.call('hosts.add', { name: 'box', config: { ...sshd.host, trustedRoots: ['~'] } });
    expect(listed.map((h) => h.name)).toEqual(['box']);
    expect(core.config.get().hosts.box.ssh).toBe(sshd.host.ssh);
    sshd.run('printf "#!/bin/sh\\necho hi\\n" > ~/my-agent && chmod +x ~/my-agent');
    await core.call('settings.update', { patch: { agents: { mine: { transport: 'pty', command: `${sshd.home}/my-agent`, args: [] } } } });

    const r = await core.call('hosts.test', { name: 'box', agents: ['mine', 'claude'] });
    expect(check(r, 'connect')).toMatchObject({ ok: true });
    expect(check(r, 'connect').detail).toContain(`logged in as ${sshd.user}`);
    expect(check(r, 'git')).toMatchObject({ ok: true, detail: expect.stringMatching(/^git version/) });
    expect(check(r, 'worktree root')).toMatchObject({ ok: true, detail: `${sshd.home}/.switchboard/worktrees` });
    expect(check(r, 'trusted root ~')).toMatchObject({ ok: true, detail: sshd.home });
    expect(check(r, 'agent mine')).toMatchObject({ ok: true, detail: `${sshd.home}/my-agent` });
    // A missing agent is reported, naming the host and what to do, but is not essential.
    expect(check(r, 'agent claude')).toMatchObject({ ok: false, detail: expect.stringContaining("is not on host box's PATH") });
    expect(r.ok).toBe(true);
    // One multiplexed connection: its control socket lives in Switchboard's runtime folder.
    expect(execFileSync('ssh', [...core.hosts.get('box').args().slice(0, -3), '-O', 'check', '--', sshd.host.ssh], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');

    expect(await core.call('hosts.remove', { name: 'box' })).toEqual([]);
    await expect(core.call('hosts.test', { name: 'box' })).rejects.toThrow(/no host is named "box".*switchboard hosts add box/);
  });

  it('refuses an invalid host entry, naming the field, and leaves config.json as it was', async () => {
    await expect(core.call('hosts.add', { name: 'bad', config: { ssh: '-oProxyCommand=x' } as HostConfig })).rejects.toThrow(/ssh/);
    await expect(core.call('hosts.add', { name: 'bad', config: { ssh: 'a@b', sshOptions: ['nonsense'] } })).rejects.toThrow(/Key=Value/);
    expect(core.config.get().hosts).toEqual({});
  });

  const testWith = async (name: string, config: HostConfig) => {
    await core.call('hosts.add', { name, config });
    try {
      return await core.call('hosts.test', { name, agents: [] });
    } finally {
      await core.call('hosts.remove', { name });
    }
  };

  it('says a host is unreachable when nothing listens', async () => {
    const r = await testWith('down', { ...sshd.host, port: 1 });
    expect(r.ok).toBe(false);
    expect(check(r, 'connect').detail).toMatch(/^host down \(.*\) is unreachable: .*Connection refused.*Check that it is up/);
  });

  it('says the login was refused for a key the host does not know', async () => {
    const dir = tempDir('sb-key-');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
    const r = await testWith('nokey', { ...sshd.host, identityFile: join(dir, 'other') });
    expect(check(r, 'connect').detail).toMatch(/^host nokey .* refused the login: .*Permission denied.*authorized_keys/);
  });

  it('says the host key does not match known_hosts, and never turns checking off', async () => {
    const dir = tempDir('sb-kh-');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'fake')]);
    const { readFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${sshd.port} ${readFileSync(join(dir, 'fake.pub'), 'utf8')}`);
    const opts = sshd.host.sshOptions!.map((o) => (o.startsWith('UserKnownHostsFile=') ? `UserKnownHostsFile=${join(dir, 'known_hosts')}` : o));
    const r = await testWith('mitm', { ...sshd.host, sshOptions: opts });
    expect(check(r, 'connect').detail).toMatch(/host mitm .*host key is unknown or does not match known_hosts.*never turns host-key checking off/);
  });

  it('says git and the agent are missing on a host whose PATH lacks them', async () => {
    sshd.run('printf "PATH=/nonexistent\\n" > ~/.ssh/environment');
    try {
      const r = await testWith('bare', sshd.host);
      expect(check(r, 'connect').ok).toBe(true);
      expect(check(r, 'git')).toMatchObject({ ok: false, detail: 'git is not installed on host bare (or not on the PATH ssh commands get there); install git on it' });
      expect(r.ok).toBe(false);
    } finally {
      sshd.run('/bin/rm -f ~/.ssh/environment');
    }
  });
});
