/**
 * How Switchboard calls the system OpenSSH client (issue 14). One multiplexed connection per host:
 * ControlMaster=auto with the control socket in Switchboard's own runtime folder and ControlPersist,
 * so a task pays one handshake, not one per git call. BatchMode makes ssh fail instead of prompting
 * (no terminal to prompt on); ServerAlive notices a dead connection within a minute. Host-key checking
 * is never relaxed here: known_hosts and StrictHostKeyChecking are the user's own settings.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostConfig } from '../../../shared/models/host.js';
import { expandTilde } from '../home.js';

/** Quotes one word for a POSIX shell. */
export const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A unix socket path is limited to ~104 bytes; a 16-hex name is appended to this folder. */
const MAX_CONTROL_DIR = 60;

/**
 * The folder for control sockets: `<home>/ssh`, or a short private folder under /tmp named after
 * the home when that path would be too long for a socket. Created mode 0700.
 */
export function controlDirFor(home: string): string {
  let dir = join(home, 'ssh');
  if (dir.length > MAX_CONTROL_DIR) {
    const tag = createHash('sha256').update(home).digest('hex').slice(0, 12);
    dir = join(tmpdir(), `switchboard-ssh-${process.getuid?.() ?? 'u'}-${tag}`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export interface SshArgsOptions {
  /** `-tt`: a terminal on the host (PTY agents). Default `-T`. */
  tty?: boolean;
  /** Seconds to wait for the TCP connection and handshake. */
  connectTimeout?: number;
}

/**
 * The control socket of a host entry: one per name and settings, so a changed entry (another key,
 * another port) never rides on a connection made with the old one.
 */
export const controlPathFor = (controlDir: string, host: HostConfig): string =>
  join(controlDir, createHash('sha256').update(JSON.stringify(host)).digest('hex').slice(0, 16));

/** ssh's arguments up to and including the destination; the remote command follows. */
export function sshArgs(host: HostConfig, controlDir: string, opts: SshArgsOptions = {}): string[] {
  const args = [
    '-o', 'BatchMode=yes',
    '-o', `ConnectTimeout=${opts.connectTimeout ?? 15}`,
    '-o', 'ServerAliveInterval=15',
    '-o', 'ServerAliveCountMax=3',
    '-o', 'ControlMaster=auto',
    '-o', `ControlPath=${controlPathFor(controlDir, host)}`,
    '-o', 'ControlPersist=300',
  ];
  if (host.port) args.push('-p', String(host.port));
  if (host.identityFile) args.push('-i', expandTilde(host.identityFile));
  for (const o of host.sshOptions ?? []) args.push('-o', o);
  args.push(opts.tty ? '-tt' : '-T', '--', host.ssh);
  return args;
}

/** The remote command line: `/bin/sh -c SCRIPT sh ARGS...`, whatever the remote user's login shell and PATH are. */
export const remoteSh = (script: string, args: string[] = []): string => [`/bin/sh -c ${shq(script)}`, ...(args.length ? ['sh', ...args.map(shq)] : [])].join(' ');
