import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import type { AnyEvent } from '../../../shared/contract.js';
import { backoffDelay, openEventSocket, type SocketLike } from '../../../renderer/api/event-socket.js';
import type { ConnectionState } from '../../../renderer/api/types.js';

// A real WebSocket server (ws) and Node's own browser-style WebSocket client.
async function startServer(): Promise<{ server: Server; wss: WebSocketServer; url: string; clients: WsSocket[] }> {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: '/api/events' });
  const clients: WsSocket[] = [];
  wss.on('connection', (ws) => clients.push(ws));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, wss, clients, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/events` };
}

const connect = (url: string) => new WebSocket(url) as unknown as SocketLike;

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('openEventSocket', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((f) => f()));

  it('delivers batches of { name, payload } in order, skips malformed ones, and reconnects after the link drops', async () => {
    const srv = await startServer();
    cleanup.push(() => srv.server.close());
    const events: AnyEvent[] = [];
    const states: ConnectionState[] = [];
    const close = openEventSocket({ url: srv.url, connect, delay: () => 20, onEvent: (e) => events.push(e), onState: (s) => states.push(s) });
    cleanup.push(close);

    await until(() => states.at(-1)?.status === 'open', 'open');
    expect(states[0].status).toBe('connecting');
    srv.clients[0].send('not json');
    srv.clients[0].send(JSON.stringify({ name: 'app.status', payload: { warnings: [] } })); // not a batch
    srv.clients[0].send(JSON.stringify([{ nope: 1 }, { name: 'app.status', payload: { warnings: [] } }, { name: 'project.changed', payload: {} }]));
    await until(() => events.length === 2, 'two events');
    expect(events.map((e) => e.name)).toEqual(['app.status', 'project.changed']);

    srv.clients[0].terminate();
    await until(() => states.some((s) => s.status === 'reconnecting'), 'reconnecting');
    const lost = states.find((s) => s.status === 'reconnecting')!;
    expect(lost.attempt).toBe(1);
    expect(lost.reason).toBeTruthy();
    await until(() => srv.clients.length === 2 && states.at(-1)?.status === 'open', 'reopened');
    expect(states.at(-1)!.attempt).toBe(0);
    srv.clients[1].send(JSON.stringify([{ name: 'task.changed', payload: {} }]));
    await until(() => events.length === 3, 'event after reconnect');
  });

  it('keeps retrying with growing attempts while nothing listens, and stops when closed', async () => {
    const srv = await startServer();
    const url = srv.url;
    await new Promise<void>((r) => srv.server.close(() => r()));
    const states: ConnectionState[] = [];
    const close = openEventSocket({ url, connect, delay: () => 10, onEvent: () => {}, onState: (s) => states.push(s) });
    await until(() => states.filter((s) => s.status === 'reconnecting').length >= 3, 'three retries');
    expect(states.filter((s) => s.status === 'reconnecting').map((s) => s.attempt).slice(0, 3)).toEqual([1, 2, 3]);
    close();
    const count = states.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(states.length).toBe(count);
  });

  it('gives up, as unauthorized, when shouldRetry says the token is refused', async () => {
    const server = createServer();
    server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => server.close());
    const states: ConnectionState[] = [];
    let asked = 0;
    openEventSocket({
      url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`,
      connect,
      delay: () => 10,
      shouldRetry: async () => ++asked < 2,
      onEvent: () => {},
      onState: (s) => states.push(s),
    });
    await until(() => states.at(-1)?.status === 'unauthorized', 'unauthorized');
    expect(asked).toBe(2);
    await new Promise((r) => setTimeout(r, 60));
    expect(states.at(-1)!.status).toBe('unauthorized');
  });
});

describe('backoffDelay', () => {
  it('doubles from 500 ms, caps at 10 s and adds at most 20 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 30].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect(backoffDelay(1, () => 0.999)).toBe(600);
    expect(backoffDelay(30, () => 0.999)).toBeLessThanOrEqual(12_000);
  });
});
