/** The running instance's event stream (`/api/events`, a WebSocket) as an EventSource for the CLI. */
import { WebSocket } from 'ws';
import type { AnyEvent } from '../../shared/contract.js';
import type { ServerInfo } from '../host/server-info.js';
import { CliError } from './command.js';
import type { EventSource } from './attach-session.js';

export interface EventStream extends EventSource {
  /** Called once if the connection drops. */
  onClose(listener: () => void): void;
  close(): void;
}

export function connectEvents(server: Pick<ServerInfo, 'url' | 'token'>): EventStream {
  const url = new URL('api/events', server.url);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', server.token);
  let ws: WebSocket | null = null;
  const closeListeners: (() => void)[] = [];
  return {
    subscribe(listener) {
      return new Promise((resolve, reject) => {
        ws = new WebSocket(url);
        // Each message is a batch: a JSON array of events (electron/host/events-socket.ts).
        ws.on('message', (data) => {
          let events: AnyEvent[];
          try {
            events = JSON.parse(data.toString()) as AnyEvent[];
          } catch {
            return;
          }
          if (Array.isArray(events)) for (const e of events) listener(e);
        });
        ws.once('open', () => resolve(() => ws?.close()));
        ws.once('error', (err) => reject(new CliError(`cannot follow Switchboard's events at ${server.url}: ${err.message}`)));
        ws.once('close', () => closeListeners.forEach((l) => l()));
      });
    },
    onClose: (listener) => void closeListeners.push(listener),
    close: () => ws?.close(),
  };
}
