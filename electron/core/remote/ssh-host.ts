/**
 * One remote host (issue 14): remote shell commands, git and files over the system ssh client,
 * all through the host's one multiplexed connection (ssh-command.ts).
 */
import { spawn } from 'node:child_process';
import { join, posix } from 'node:path';
import type { HostConfig } from '../../../shared/models/host.js';
import { AppError } from '../errors.js';
import { createGitRunner, type GitRunner } from '../git/git-runner.js';
import type { HostFs } from '../git/host-fs.js';
import { createStatusCache, type StatusCache } from '../git/status-cache.js';
import { createRemoteFs } from './remote-fs.js';
import { remoteSh, shq, sshArgs, type SshArgsOptions } from './ssh-command.js';
import { describeSshFailure, sshFailureKind, type SshFailureKind } from './ssh-errors.js';

/** ssh could not reach or log in to the host; `kind` says which. */
export class HostError extends AppError {
  constructor(
    readonly host: string,
    readonly kind: SshFailureKind,
    message: string,
  ) {
    super('unavailable', message);
    this.name = 'HostError';
  }
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  input?: string | Buffer;
  timeoutMs?: number;
  /** The script's positional parameters ($1...). */
  args?: string[];
  /**
   * Streams stdout here chunk by chunk instead of buffering it (the result's stdout is then empty).
   * When it throws, the script is ended and exec rejects with that error.
   */
  onData?: (chunk: Buffer) => void;
}

export interface SshHost {
  readonly name: string;
  readonly config: HostConfig;
  /** ssh's arguments up to the destination. */
  args(opts?: SshArgsOptions): string[];
  /** Runs a POSIX sh script on the host. Rejects with a HostError when ssh itself failed. */
  exec(script: string, opts?: ExecOptions): Promise<ExecResult>;
  /** The remote user's home directory (asked once). */
  home(): Promise<string>;
  /** `~/x` and `~` expanded with the remote home; other paths as they are. */
  expand(path: string): Promise<string>;
  /** Switchboard's folder on the host (`~/.switchboard`), created 0700 on first use. */
  stateDir(): Promise<string>;
  readonly git: GitRunner;
  readonly status: StatusCache;
  readonly fs: HostFs;
  /** Closes the shared connection (`ssh -O exit`). */
  dispose(): Promise<void>;
}

export interface SshHostDeps {
  name: string;
  config: HostConfig;
  controlDir: string;
}

export function createSshHost(deps: SshHostDeps): SshHost {
  const { name, config, controlDir } = deps;
  const args = (opts?: SshArgsOptions): string[] => sshArgs(config, controlDir, opts);
  const explain = (stderr: string, code: number | null): string | null => {
    const kind = sshFailureKind(stderr, code);
    return kind ? describeSshFailure(name, config.ssh, kind, stderr) : null;
  };

  const exec: SshHost['exec'] = (script, opts = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('ssh', [...args(), remoteSh(script, opts.args)], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let failed: Error | null = null;
      const timeoutMs = opts.timeoutMs ?? 60_000;
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.stdout.on('data', (c: Buffer) => {
        if (failed) return;
        if (!opts.onData) return void out.push(c);
        try {
          opts.onData(c);
        } catch (e) {
          failed = e as Error;
          child.kill('SIGTERM'); // the session closes; sshd hangs the script up
        }
      });
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.stdin.on('error', () => {});
      child.stdin.end(opts.input ?? undefined);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new HostError(name, 'unreachable', `cannot run ssh for host ${name} (${e.message}); install the OpenSSH client`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const stderr = Buffer.concat(err).toString('utf8');
        if (failed) return reject(failed);
        if (signal === 'SIGKILL') return reject(new HostError(name, 'unreachable', `host ${name} (${config.ssh}) did not answer within ${Math.round(timeoutMs / 1000)} s`));
        const kind = sshFailureKind(stderr, code);
        if (kind) return reject(new HostError(name, kind, describeSshFailure(name, config.ssh, kind, stderr)));
        resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr });
      });
    });

  let homeDir: Promise<string> | null = null;
  const home = (): Promise<string> => {
    homeDir ??= exec('printf %s "$HOME"').then((r) => {
      if (r.code !== 0 || !r.stdout.startsWith('/')) throw new AppError('unavailable', `host ${name}: could not read the remote user's home (${r.stderr.trim() || 'empty $HOME'})`);
      return r.stdout;
    });
    homeDir.catch(() => (homeDir = null));
    return homeDir;
  };
  const expand = async (p: string): Promise<string> => (p === '~' ? home() : p.startsWith('~/') ? posix.join(await home(), p.slice(2)) : p);
  let state: Promise<string> | null = null;
  const stateDir = (): Promise<string> => {
    state ??= home().then(async (h) => {
      const dir = posix.join(h, '.switchboard');
      const r = await exec(`umask 077 && mkdir -p ${shq(join(dir, 'tmp'))} ${shq(join(dir, 'runs'))}`);
      if (r.code !== 0) throw new AppError('unavailable', `host ${name}: cannot create ${dir} (${r.stderr.trim()})`);
      return dir;
    });
    state.catch(() => (state = null));
    return state;
  };

  const fs = createRemoteFs((script, a) => exec(script, { args: a }));
  const git = createGitRunner({
    fs,
    where: `on host ${name}`,
    explain,
    spawn: (call, vars) => {
      const env = Object.entries(vars).map(([k, v]) => `${k}=${shq(v)}`);
      const script = `exec env ${env.join(' ')} git -C ${shq(call.cwd)} ${call.args.map(shq).join(' ')}`;
      return { file: 'ssh', args: [...args(), remoteSh(script)], env: process.env };
    },
  });

  return {
    name,
    config,
    args,
    exec,
    home,
    expand,
    stateDir,
    git,
    status: createStatusCache(git),
    fs,
    async dispose() {
      git.dispose();
      await new Promise<void>((resolve) => {
        const child = spawn('ssh', [...args().slice(0, -3), '-O', 'exit', '--', config.ssh], { stdio: 'ignore' });
        child.on('error', () => resolve());
        child.on('close', () => resolve());
      });
    },
  };
}
