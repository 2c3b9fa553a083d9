import type { DesktopBridge } from '../../shared/ipc.js';
import { describeError } from './api-error.js';
import { createDesktopClient } from './desktop-client.js';
import { createHttpClient } from './http-client.js';
import { takeToken, type TokenEnv } from './token.js';
import type { Client } from './types.js';

export type ClientResult = { ok: true; client: Client } | { ok: false; reason: string };

/** What of the page's window picking a client reads; in the desktop app the preload adds `switchboard` (shared/ipc.ts). */
export interface ClientWindow {
  switchboard?: DesktopBridge;
  location: TokenEnv['location'] & { origin: string };
  history: TokenEnv['history'];
  sessionStorage: TokenEnv['storage'];
}

/**
 * The one client, against the daemon: in the desktop window the preload says where it is and hands
 * the token; in a browser tab it is the host this page was served from, the token from the URL.
 */
export async function createClient(win: ClientWindow): Promise<ClientResult> {
  if (win.switchboard) {
    try {
      return { ok: true, client: await createDesktopClient(win.switchboard) };
    } catch (err) {
      return { ok: false, reason: `Switchboard cannot reach its background service: ${describeError(err)}` };
    }
  }
  const token = takeToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  if (!token) {
    return {
      ok: false,
      reason: 'This page has no access token. Open the URL that `switchboard serve` printed: it ends in #token=….',
    };
  }
  return { ok: true, client: createHttpClient({ origin: win.location.origin, token }) };
}
