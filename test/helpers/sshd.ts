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
  /**
   * The remote user's running processes whose "pid args" line matches, as such lines. Zombies are left
   * out: they have ended, and wait for the host's init to reap them (an agent whose wrapper was killed
   * with it is reparented there; this machine's init reaps only now and then).
   */
  procs(match: RegExp): string[];
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

/**
 * useradd/usermod/userdel, again while another process holds /etc/passwd's lock (suites run in
 * parallel). Why startSshd once failed under load: another suite's `userdel -r` held that lock while
 * it deleted a home of 20,000 files, longer than any retry; stop() now deletes the home itself, outside
 * the lock, so each account command holds it for a moment. The wait is by the clock (not a count of
 * tries, which a loaded machine stretches), up to two minutes.
 */
function accountCommand(cmd: string, args: string[]): void {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      return;
    } catch (err) {
      const said = String((err as { stderr?: Buffer }).stderr ?? '');
      if (Date.now() > deadline || !/cannot lock|try again|currently used by process/i.test(said)) throw new Error(`${cmd} ${args.join(' ')}: ${said.trim()}`, { cause: err });
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
  const knownHosts = join(dir, 'known_hosts');
  chmodSync(dir, 0o755);
  const identityFile = join(dir, 'id_ed25519');
  const sshOptions = [`UserKnownHostsFile=${knownHosts}`, 'StrictHostKeyChecking=yes', 'IdentitiesOnly=yes'];
  const sshBase = (port: number) => ['-F', '/dev/null', '-p', String(port), '-i', identityFile, '-o', 'BatchMode=yes', ...sshOptions.flatMap((o) => ['-o', o]), `${user}@127.0.0.1`];
  const remote = (script: string) => `/bin/sh -c '${script.replace(/'/g, `'\\''`)}'`;

  /** Removes what startSshd made: the throwaway user (its processes, its home) and the temp dir. */
  const cleanUp = (): void => {
    if (isRoot) {
      // Whatever still runs as the throwaway user would keep userdel from removing it.
      try {
        execFileSync('sh', ['-c', `for p in $(ps -u ${user} -o pid=); do kill -9 $p; done; true`]);
        // The home goes first, outside /etc/passwd's lock (see accountCommand); userdel then waits out the killed processes.
        rmSync(home, { recursive: true, force: true });
        accountCommand('userdel', [user]);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  // The port is free when asked, but another process may take it before sshd binds it: then another port.
  let sshd: ChildProcess | null = null;
  let port = 0;
  for (let attempt = 1; !sshd; attempt++) {
    port = await freePort();
    writeFileSync(knownHosts, `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`);
    const args = ['-D', '-e', '-f', '/dev/null', '-h', join(dir, 'host_key'), '-p', String(port),
      '-o', 'ListenAddress=127.0.0.1', '-o', `PidFile=${join(dir, 'sshd.pid')}`, '-o', 'UsePAM=no', '-o', 'PasswordAuthentication=no',
      '-o', 'KbdInteractiveAuthentication=no', '-o', `AuthorizedKeysFile=${isRoot ? '.ssh/authorized_keys' : authorizedKeys}`,
      '-o', 'LogLevel=ERROR', '-o', 'MaxSessions=50', '-o', 'MaxStartups=50', '-o', 'PermitUserEnvironment=PATH'];
    if (!isRoot) args.push('-o', 'StrictModes=no');
    const child: ChildProcess = spawn(SSHD, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    // Up when a login works (sshd listens a moment after it starts). Each try has its own time limit.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        execFileSync('ssh', ['-o', 'ConnectTimeout=20', ...sshBase(port), remote('true')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
        sshd = child;
        break;
      } catch (err) {
        const exited = child.exitCode != null || child.signalCode != null;
        if (exited && /address already in use|bind to port/i.test(log) && attempt < 5) break; // the next port
        if (exited || Date.now() > deadline) {
          if (child.pid && !exited) process.kill(child.pid, 'SIGKILL');
          cleanUp();
          throw new Error(`sshd did not come up on port ${port}: ${log || (err as Error).message}`, { cause: err });
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  const host: HostConfig = { ssh: `${user}@127.0.0.1`, port, identityFile, sshOptions };
  const run = (script: string): string => execFileSync('ssh', [...sshBase(port), remote(script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const server = sshd;

  return {
    port,
    user,
    home,
    dir,
    host,
    run,
    procs: (match) =>
      run('ps -u "$(id -un)" -o stat=,pid=,args=')
        .split('\n')
        .filter((l) => l.trim() && !l.trimStart().startsWith('Z'))
        .map((l) => l.trim().replace(/^\S+\s+/, ''))
        .filter((l) => match.test(l)),
    stop() {
      if (server.pid && server.exitCode == null) process.kill(server.pid, 'SIGTERM');
      cleanUp();
    },
  };
}
