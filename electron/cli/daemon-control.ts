/**
 * The daemon seen from outside: is one serving this home (server.json + `GET /health`), start one in
 * the background (`serve --detach`), stop it (SIGTERM, which serve turns into a graceful stop: running
 * tasks become `interrupted` and their agents end). The CLI's `serve --detach`, `status` and `stop` use it,
 * and so does the Electron shell (electron/main/daemon-link.ts), which never loads the core itself.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHome, homePaths } from '../core/home.js';
import { findLiveServer, HEALTH_PATH, isPidAlive, type ServerInfo } from '../host/server-info.js';
import { CliError } from './command.js';

/** The Electron shell finds its home as the CLI does (--home, SWITCHBOARD_HOME, ~/.switchboard). */
export { resolveHome } from '../core/home.js';

/** `<home>/logs/daemon.log`, rotated to daemon.log.1 at each detached start once it passes this size. */
export const LOG_ROTATE_BYTES = 1024 * 1024;
export const daemonLog = (home: string): string => join(homePaths(home).logs, 'daemon.log');

export interface Health {
  ok: boolean;
  pid: number;
  version: string;
}

/** The daemon's health answer, or null when nothing answers within `timeoutMs`. */
export async function probeHealth(info: Pick<ServerInfo, 'url'>, timeoutMs = 5000): Promise<Health | null> {
  try {
    const res = await fetch(new URL(HEALTH_PATH.slice(1), info.url), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? ((await res.json()) as Health) : null;
  } catch {
    return null;
  }
}

/** The server recorded for this home if its process is alive and it answers its health check. */
export async function findServing(home: string): Promise<ServerInfo | null> {
  const info = findLiveServer(homePaths(home).serverInfo);
  if (!info) return null;
  const health = await probeHealth(info);
  return health?.pid === info.pid ? info : null;
}

function rotateLog(file: string): void {
  try {
    if (statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

/** Creates the home if needed, rotates `<home>/logs/daemon.log` when it is large, and opens it for appending. */
export function openDaemonLog(home: string): number {
  ensureHome(homePaths(home));
  const log = daemonLog(home);
  rotateLog(log);
  return openSync(log, 'a', 0o600);
}

const tail = (file: string, lines = 15): string => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DetachOptions {
  home: string;
  /** Arguments for `serve` (e.g. --port, --local-only). */
  serveArgs: string[];
  /** Defaults to process.execPath (in Electron, with ELECTRON_RUN_AS_NODE=1). */
  execPath?: string;
  /** The daemon's environment (default: this process's); agents get a clean one made from it. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Starts `switchboard serve` in the background, its output appended to `<home>/logs/daemon.log`, and
 * resolves once it is serving (server.json names its pid and /health answers). `already` is true when
 * a daemon was serving this home before (nothing is started then).
 */
export async function startDetached(opts: DetachOptions): Promise<{ info: ServerInfo; already: boolean }> {
  const running = await findServing(opts.home);
  if (running) return { info: running, already: true };
  const paths = homePaths(opts.home);
  const log = daemonLog(opts.home);
  const fd = openDaemonLog(opts.home);
  // The lean daemon entry, not the CLI: the daemon loads no command it does not run.
  const entry = fileURLToPath(new URL('../host/daemon-entry.js', import.meta.url));
  const child = spawn(opts.execPath ?? process.execPath, [entry, opts.home, ...opts.serveArgs], {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...(opts.env ?? process.env), ELECTRON_RUN_AS_NODE: '1' },
    windowsHide: true,
  });
  closeSync(fd);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  child.unref();
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new CliError(`the background Switchboard exited (code ${exited}) before it was serving ${opts.home}:\n${tail(log)}\n(full log: ${log})`);
    }
    const info = findLiveServer(paths.serverInfo);
    if (info && info.pid === child.pid && (await probeHealth(info))) return { info, already: false };
    await sleep(100);
  }
  throw new CliError(`the background Switchboard (pid ${child.pid}) is not serving ${opts.home} after ${(opts.timeoutMs ?? 60_000) / 1000} s; see ${log}`);
}

/**
 * Asks the daemon serving `home` to stop (SIGTERM → graceful stop) and waits until its process is gone.
 * Returns the pid it stopped, or null when none was running.
 */
export async function stopDaemon(home: string, timeoutMs = 120_000): Promise<number | null> {
  const info = findLiveServer(homePaths(home).serverInfo);
  if (!info) return null;
  // A reused pid must not be signalled: only a process that answers as this home's server is ours.
  const health = await probeHealth(info);
  if (health?.pid !== info.pid) return null;
  try {
    process.kill(info.pid, 'SIGTERM');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return info.pid;
    throw new CliError(`cannot signal Switchboard (pid ${info.pid}): ${(err as Error).message}`);
  }
  const deadline = Date.now() + timeoutMs;
  while (isPidAlive(info.pid)) {
    if (Date.now() > deadline) throw new CliError(`Switchboard (pid ${info.pid}) is still stopping after ${timeoutMs / 1000} s; see ${daemonLog(home)}`);
    await sleep(100);
  }
  return info.pid;
}
