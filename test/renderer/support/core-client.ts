import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_NAMES, type AnyEvent, type Api } from '../../../shared/contract.js';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import { toApiError } from '../../../renderer/api/api-error.js';
import type { Client, ConnectionState } from '../../../renderer/api/types.js';

export interface CoreClient {
  core: Core;
  client: Client;
  /** A project folder inside the trusted temp home. */
  projectDir(name: string): string;
  /** Pushes a connection state, as a transport would. */
  setConnection(state: ConnectionState): void;
  dispose(): Promise<void>;
}

/**
 * A real core (temp home, real SQLite, no runners) behind the renderer's Client interface: requests
 * go through core.call (schema-parsed, like every shell) and events come from the core's bus.
 */
export function createCoreClient(): CoreClient {
  const root = mkdtempSync(join(tmpdir(), 'sb-renderer-'));
  const core = createCore({ home: join(root, 'home'), userHome: root });
  const api = Object.fromEntries(
    REQUEST_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        try {
          return await core.call(name, input);
        } catch (err) {
          throw toApiError(err);
        }
      },
    ]),
  ) as Api;
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = { status: 'connecting', attempt: 0, retryAt: null, reason: null };
  const client: Client = {
    api,
    runsIn: 'browser',
    onEvent: (l: (e: AnyEvent) => void) => core.bus.onAny(l),
    onConnection(l) {
      stateListeners.add(l);
      return () => stateListeners.delete(l);
    },
    connection: () => state,
    dispose: () => {},
  };
  return {
    core,
    client,
    projectDir(name) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    setConnection(s) {
      state = s;
      for (const l of stateListeners) l(s);
    },
    async dispose() {
      await core.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const OPEN: ConnectionState = { status: 'open', attempt: 0, retryAt: null, reason: null };

export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
