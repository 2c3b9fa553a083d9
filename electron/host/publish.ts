/**
 * How local tools find the running Switchboard. Both shells (headless and Electron) take the home's
 * lock first (home-lock.ts), then publish the core's API on loopback with `<home>/server.json`, so
 * the CLI (`tasks`, `attach`, `approve`...) reaches whichever shell is running.
 */
import type { Core } from '../core/create-core.js';
import { AppError } from '../core/errors.js';
import type { HomePaths } from '../core/home.js';
import { createHost, type Host, type HostOptions } from './create-host.js';
import { persistentToken } from './host-token.js';
import { removeServerInfo, writeServerInfo, type ServerInfo } from './server-info.js';

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
