/**
 * `GET /api/events`: a WebSocket carrying every core bus event as `{ name, payload }`, in batches: each
 * message is a JSON array of events, in the order the bus emitted them.
 * Browsers cannot set headers on a WebSocket, so the token may come as `?token=` or as the
 * subprotocol `bearer.<token>`. A client that falls too far behind is dropped (streams are bounded).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Bus } from '../core/bus.js';
import type { Gate } from './security.js';

/** A client with more than this much unsent data is closed (1013: try again later) instead of buffering forever. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A batch of events is sent this long after its first event, or at once when it reaches FLUSH_BYTES. */
export const FLUSH_MS = 16;
export const FLUSH_BYTES = 256 * 1024;

export interface EventsSocket {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  clientCount(): number;
  dispose(): void;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: { code: status === 401 ? 'unauthorized' : 'invalid_input', message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createEventsSocket(deps: { bus: Bus; gate: Gate }): EventsSocket {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // Echo the bearer subprotocol a browser offered, or it will drop the connection.
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith('bearer.')) ?? false,
  });

  // Events are sent in batches: every frame is a JSON array of `{ name, payload }`, flushed ~16 ms after
  // its first event (or sooner once it is large), so a flood of run output costs a frame per batch, not
  // per event. Nothing is armed while no event comes: an idle daemon keeps no timer here.
  let batch: string[] = [];
  let batchBytes = 0;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (!batch.length) return;
    const text = `[${batch.join(',')}]`;
    batch = [];
    batchBytes = 0;
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'event stream fell too far behind; reconnect and reload');
        continue;
      }
      ws.send(text);
    }
  };
  const unsubscribe = deps.bus.onAny((event) => {
    if (wss.clients.size === 0) return;
    const text = JSON.stringify(event);
    batch.push(text);
    batchBytes += text.length;
    if (batchBytes >= FLUSH_BYTES) flush();
    else flushTimer ??= setTimeout(flush, FLUSH_MS);
  });

  return {
    handleUpgrade(req, socket, head) {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path !== '/api/events') return refuse(socket, 404, `no WebSocket at ${path}; events are at /api/events`);
      const site = deps.gate.checkSite(req);
      if (site) return refuse(socket, 403, site);
      if (!deps.gate.authorized(req, { allowQuery: true })) {
        return refuse(socket, 401, 'missing or wrong token: pass ?token=<token> or the subprotocol bearer.<token>');
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        // The stream is one-way; anything a client sends is ignored.
        ws.on('message', () => {});
        ws.on('error', () => ws.terminate());
        wss.emit('connection', ws, req);
      });
    },
    clientCount: () => wss.clients.size,
    dispose() {
      unsubscribe();
      flush(); // the last events still reach the clients before the close frame
      for (const ws of wss.clients) ws.close(1001, 'Switchboard is stopping');
      // A client that does not answer the close handshake is cut off rather than holding the process open.
      const clients = [...wss.clients];
      if (clients.length) setTimeout(() => clients.forEach((ws) => ws.terminate()), 500).unref();
      wss.close();
    },
  };
}
