/**
 * One running Switchboard per home, and how local tools find it. Both shells (headless and Electron)
 * refuse a home another live instance serves, then publish the core's API on loopback with
 * `<home>/server.json`, so the CLI (`tasks`, `attach`, `approve`...) reaches whichever shell is running.
 */
import type { Core } from '../core/create-core.js';
import { AppError } from '../core/errors.js';
import type { HomePaths } from '../core/home.js';
import { createHost, type Host, type HostOptions } from './create-host.js';
import { persistentToken } from './host-token.js';
import { findLiveServer, removeServerInfo, writeServerInfo, type ServerInfo } from './server-info.js';

/** Whether the server recorded in server.json answers on its URL (a reused pid does not). */
async function answers(info: ServerInfo): Promise<boolean> {
  try {
    await fetch(new URL('api/app.status', info.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(2000),
    });
    return true;
  } catch {
    return false;
  }
}

/** Throws a `conflict` AppError when another live instance serves this home. */
export async function assertHomeFree(paths: HomePaths): Promise<void> {
  const other = findLiveServer(paths.serverInfo);
  if (other && (await answers(other))) {
    throw new AppError(
      'conflict',
      `Switchboard is already running for ${paths.root} (pid ${other.pid}, ${other.url}). Stop it first, or use another --home.`,
    );
  }
}

export interface Published {
  readonly host: Host;
  readonly info: ServerInfo;
  /** Closes the host and removes server.json (only if it is still ours). */
  close(): Promise<void>;
}

/** Starts the host for `core` and records it in server.json; on failure nothing is left behind. */
export async function publishHost(core: Core, paths: HomePaths, opts: Omit<HostOptions, 'core'>): Promise<Published> {
  const host = await createHost({ token: persistentToken(paths.hostToken), ...opts, core });
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
