/**
 * A real OpenSSH server for the remote-host tests (issue 14): Debian's /usr/sbin/sshd on a free
 * 127.0.0.1 port with its own host key, config on the command line (no system config touched) and,
 * as root, a throwaway user made for the run, so the remote side is truly another account. Without
 * root it logs in as the current user. Stop it with stop() (by pid; the user is deleted too).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { HostConfig } from '../../shared/models/host.js';

export const SSHD = '/usr/sbin/sshd';
export const sshdAvailable = (): boolean => existsSync(SSHD) && existsSync('/usr/bin/ssh') && existsSync('/usr/bin/ssh-keygen');

export interface TestSshd {
  port: number;
  user: string;
  /** The remote user's home. */
  home: string;
  dir: string;
  /** A host entry for config.json that reaches this server (its own key and known_hosts). */
  host: HostConfig;
  /** Runs a shell script as the remote user, over ssh; returns stdout. Throws on a non-zero exit. */
  run(script: string): string;
  stop(): void;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

/** useradd/usermod/userdel, again while another process holds /etc/passwd's lock (tests run in parallel). */
function accountCommand(cmd: string, args: string[]): void {
  for (let i = 0; ; i++) {
    try {
      execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      return;
    } catch (err) {
      if (i >= 150 || !/cannot lock|try again/i.test(String((err as { stderr?: Buffer }).stderr ?? ''))) throw err;
      execFileSync('sleep', ['0.2']);
    }
  }
}

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-sshd-'));
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'id_ed25519'));
  const isRoot = process.getuid?.() === 0;
  let user = userInfo().username;
  let home = userInfo().homedir;
  let authorizedKeys = join(dir, 'authorized_keys');
  if (isRoot) {
    user = `sbt${randomBytes(3).toString('hex')}`;
    accountCommand('useradd', ['-m', '-s', '/bin/sh', user]);
    accountCommand('usermod', ['-p', '*', user]); // unlocked, still no password: sshd without PAM refuses locked accounts
    home = execFileSync('sh', ['-c', `getent passwd ${user} | cut -d: -f6`]).toString().trim();
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    authorizedKeys = join(home, '.ssh', 'authorized_keys');
    mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation folder
  }
  writeFileSync(authorizedKeys, readFileSync(join(dir, 'id_ed25519.pub')), { mode: 0o600 });
  if (isRoot) execFileSync('chown', ['-R', `${user}:${user}`, join(home, '.ssh')]);
  const port = await freePort();
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`);
  chmodSync(dir, 0o755);

  const args = ['-D', '-e', '-f', '/dev/null', '-h', join(dir, 'host_key'), '-p', String(port),
    '-o', 'ListenAddress=127.0.0.1', '-o', `PidFile=${join(dir, 'sshd.pid')}`, '-o', 'UsePAM=no', '-o', 'PasswordAuthentication=no',
    '-o', 'KbdInteractiveAuthentication=no', '-o', `AuthorizedKeysFile=${isRoot ? '.ssh/authorized_keys' : authorizedKeys}`,
    '-o', 'LogLevel=ERROR', '-o', 'MaxSessions=50', '-o', 'MaxStartups=50', '-o', 'PermitUserEnvironment=PATH'];
  if (!isRoot) args.push('-o', 'StrictModes=no');
  const sshd: ChildProcess = spawn(SSHD, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  sshd.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));

  const host: HostConfig = {
    ssh: `${user}@127.0.0.1`,
    port,
    identityFile: join(dir, 'id_ed25519'),
    sshOptions: [`UserKnownHostsFile=${knownHosts}`, 'StrictHostKeyChecking=yes', 'IdentitiesOnly=yes'],
  };
  const sshBase = ['-F', '/dev/null', '-p', String(port), '-i', host.identityFile!, '-o', 'BatchMode=yes', ...host.sshOptions!.flatMap((o) => ['-o', o]), `${user}@127.0.0.1`];
  const run = (script: string): string => execFileSync('ssh', [...sshBase, `/bin/sh -c '${script.replace(/'/g, `'\\''`)}'`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  // Up when a login works (sshd listens a moment after it starts).
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      run('true');
      break;
    } catch (err) {
      if (sshd.exitCode != null || Date.now() > deadline) {
        sshd.kill('SIGKILL');
        throw new Error(`sshd did not come up on port ${port}: ${log || (err as Error).message}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  return {
    port,
    user,
    home,
    dir,
    host,
    run,
    stop() {
      if (sshd.pid && sshd.exitCode == null) process.kill(sshd.pid, 'SIGTERM');
      if (isRoot) {
        // Whatever still runs as the throwaway user would keep userdel from removing it.
        try {
          execFileSync('sh', ['-c', `for p in $(ps -u ${user} -o pid=); do kill -9 $p; done; true`]);
          accountCommand('userdel', ['-r', user]);
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
