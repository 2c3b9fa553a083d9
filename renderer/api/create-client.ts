import type { BridgeApi } from '../../shared/ipc.js';
import { createElectronClient } from './electron-client.js';
import { createHttpClient } from './http-client.js';
import { takeToken } from './token.js';
import type { Client } from './types.js';

export type ClientResult = { ok: true; client: Client } | { ok: false; reason: string };

/**
 * Picks the transport for this page: `window.api` when the Electron preload exposed it, otherwise
 * the headless host this page was served from.
 */
export function createClient(win: Window & { api?: BridgeApi }): ClientResult {
  if (win.api) return { ok: true, client: createElectronClient(win.api) };
  const token = takeToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  if (!token) {
    return {
      ok: false,
      reason: 'This page has no access token. Open the URL that `switchboard serve` printed: it ends in #token=….',
    };
  }
  return { ok: true, client: createHttpClient({ origin: win.location.origin, token }) };
}
