import type { AnyEvent } from '../../shared/contract.js';
import type { DesktopBridge } from '../../shared/ipc.js';
import { createHttpClient, type HttpClientOptions } from './http-client.js';
import type { Client } from './types.js';

/**
 * The client in the desktop window: the browser's client (HTTP + the events WebSocket) against the
 * daemon the preload names, with the token main keeps. The one thing main still sends, "open this
 * task" (tray, notifications), arrives as the client event 'ui.open-task'. The daemon is asked for on
 * every load and never remembered: after a daemon restart the shell reloads the window.
 */
export async function createDesktopClient(bridge: DesktopBridge, extra: Omit<HttpClientOptions, 'origin' | 'token' | 'runsIn'> = {}): Promise<Client> {
  const { origin, token } = await bridge.daemon();
  const http = createHttpClient({ ...extra, origin, token, runsIn: 'desktop' });
  const listeners = new Set<(e: AnyEvent) => void>();
  const offOpenTask = bridge.onOpenTask((taskId) => {
    const event: AnyEvent = { name: 'ui.open-task', payload: { taskId } };
    for (const l of listeners) l(event);
  });
  return {
    ...http,
    onEvent(listener) {
      listeners.add(listener);
      const off = http.onEvent(listener);
      return () => {
        listeners.delete(listener);
        off();
      };
    },
    dispose() {
      offOpenTask();
      listeners.clear();
      http.dispose();
    },
  };
}
