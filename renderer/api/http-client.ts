import type { AnyEvent } from '../../shared/contract.js';
import { createHttpApi } from './http-api.js';
import { openEventSocket, type SocketLike } from './event-socket.js';
import type { Client, ConnectionState } from './types.js';

export interface HttpClientOptions {
  /** Origin of the host, e.g. "http://127.0.0.1:4123". */
  origin: string;
  token: string;
  /** A browser tab (default) or the desktop window (renderer/api/desktop-client.ts). */
  runsIn?: Client['runsIn'];
  fetch?: typeof fetch;
  connect?: (url: string) => SocketLike;
  delay?: (attempt: number) => number;
}

/** The client for the daemon, in a browser tab and in the desktop window: HTTP requests plus the `/api/events` WebSocket. */
export function createHttpClient(opts: HttpClientOptions): Client {
  const eventListeners = new Set<(e: AnyEvent) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = { status: 'connecting', attempt: 0, retryAt: null, reason: null };
  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const api = createHttpApi({
    baseUrl: opts.origin,
    token: opts.token,
    fetch: opts.fetch,
    onUnauthorized: () => setState({ status: 'unauthorized', attempt: state.attempt, retryAt: null, reason: 'the host refused the token' }),
  });

  /** After a failed upgrade: is the host there and refusing our token (401), or just not answering? */
  const shouldRetry = async (): Promise<boolean> => {
    try {
      await api['app.status']({});
      return true;
    } catch (err) {
      return (err as { code?: string }).code !== 'unauthorized';
    }
  };

  const wsUrl = `${opts.origin.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(opts.token)}`;
  const close = openEventSocket({
    url: wsUrl,
    connect: opts.connect ?? ((url) => new WebSocket(url) as unknown as SocketLike),
    delay: opts.delay,
    shouldRetry,
    onEvent: (e) => {
      for (const l of eventListeners) l(e);
    },
    onState: setState,
  });

  return {
    api,
    runsIn: opts.runsIn ?? 'browser',
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    connection: () => state,
    dispose() {
      close();
      eventListeners.clear();
      stateListeners.clear();
    },
  };
}
