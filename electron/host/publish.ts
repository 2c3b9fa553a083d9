/**
 * One running Switchboard per home, and how local tools find it. Both shells (headless and Electron)
 * take the home's lock (a home another live instance holds is refused), then publish the core's API on loopback with
 * `<home>/server.json`, so the CLI (`tasks`, `attach`, `approve`...) reaches whichever shell is running.
 */
import type { Core } from '../core/create-core.js';
import { AppError } from '../core/errors.js';
import type { HomePaths } from '../core/home.js';
import { tryLockHome, type HomeLock } from '../core/home-lock.js';
import { createHost, type Host, type HostOptions } from './create-host.js';
import { findLiveServer, removeServerInfo, writeServerInfo, type ServerInfo } from './server-info.js';

/**
 * Takes the home's single-instance lock (core/home-lock.ts) or throws a `conflict` AppError naming the
 * instance that holds it. Nothing else is touched first: the loser neither opens the store nor runs recovery.
 */
export function lockHome(paths: HomePaths): HomeLock {
  const lock = tryLockHome(paths.root);
  if (lock) return lock;
  const other = findLiveServer(paths.serverInfo);
  const where = other ? `pid ${other.pid}, ${other.url}` : 'it is still starting; `switchboard status` shows its URL';
  throw new AppError('conflict', `Switchboard is already running for ${paths.root} (${where}). Stop it first (switchboard stop), or use another --home.`);
}

export interface Published {
  readonly host: Host;
  readonly info: ServerInfo;
  /** Closes the host and removes server.json (only if it is still ours). */
  close(): Promise<void>;
}

/** Starts the host for `core` and records it in server.json; on failure nothing is left behind. */
export async function publishHost(core: Core, paths: HomePaths, opts: Omit<HostOptions, 'core'>): Promise<Published> {
  const host = await createHost({ ...opts, core });
  core.redactor?.add(host.token); // nothing the core writes out may carry it
  const info: ServerInfo = { url: host.url, port: host.port, token: host.token, pid: process.pid };
  try {
    writeServerInfo(paths.serverInfo, info);
  } catch (err) {
    await host.close();
    throw new AppError('unavailable', `cannot write ${paths.serverInfo}: ${(err as Error).message}. Check that the home is writable.`);
  }
  return {
    host,
    info,
    async close() {
      try {
        await host.close();
      } finally {
        removeServerInfo(paths.serverInfo, info);
      }
    },
  };
}
