/**
 * The desktop window (app://switchboard) calls the daemon cross-origin: the host answers its CORS
 * preflight and puts Access-Control-Allow-Origin on its answers, still asks for the token, and refuses
 * every other origin exactly as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { createHost, type Host } from '../../electron/host/create-host.js';
import { APP_ORIGIN } from '../../electron/host/renderer-policy.js';
import { tempDir } from '../helpers/temp.js';
import { newHome } from './home.js';
import { api, raw } from './raw-http.js';

let core: Core;
let host: Host;
const auth = () => ({ authorization: `Bearer ${host.token}` });
const preflight = (origin: string, path = '/api/tasks.list') =>
  raw(host.url, {
    method: 'OPTIONS',
    path,
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
      'access-control-request-private-network': 'true',
    },
  });

beforeEach(async () => {
  core = createCore({ home: newHome() });
  host = await createHost({ core, port: 0, staticDir: tempDir(), log: () => {} });
});

afterEach(async () => {
  await host.close();
  await core.dispose();
});

describe("the app's origin", () => {
  it('is app://switchboard', () => {
    expect(APP_ORIGIN).toBe('app://switchboard');
  });

  it('gets its preflight answered, without a token, for the contract and the event socket', async () => {
    for (const path of ['/api/tasks.list', '/api/tasks.create', '/api/events']) {
      const res = await preflight(APP_ORIGIN, path);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      expect(String(res.headers['access-control-allow-headers']).split(/,\s*/)).toEqual(expect.arrayContaining(['authorization', 'content-type']));
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
      expect(res.headers['access-control-allow-private-network']).toBe('true');
      expect(res.text).toBe('');
    }
  });

  it('gets Access-Control-Allow-Origin on real answers, and still needs the token', async () => {
    const ok = await api(host.url, 'tasks.list', {}, { ...auth(), origin: APP_ORIGIN });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(ok.json()).toEqual({ tasks: [], nextCursor: null });
    // Readable by the page, so it can say the token is refused; but refused.
    const none = await api(host.url, 'tasks.list', {}, { origin: APP_ORIGIN });
    expect(none.status).toBe(401);
    expect(none.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    const wrong = await api(host.url, 'tasks.list', {}, { authorization: 'Bearer wrong', origin: APP_ORIGIN });
    expect(wrong.status).toBe(401);
    const failed = await api(host.url, 'tasks.get', { id: 'dispatch-missing' }, { ...auth(), origin: APP_ORIGIN });
    expect(failed.status).toBe(404);
    expect(failed.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    // The page's own origin check still holds for it: it must name this host.
    expect((await api(host.url, 'tasks.list', {}, { ...auth(), origin: APP_ORIGIN, host: `attacker.example:${host.port}` })).status).toBe(403);
  });

  it('opens the event socket with the token, and only with it', async () => {
    const open = (query: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events${query}`, { origin: APP_ORIGIN });
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
        ws.once('error', reject);
      });
    await expect(open('')).rejects.toThrow('HTTP 401');
    const ws = await open(`?token=${host.token}`);
    expect(host.clientCount()).toBe(1);
    ws.close();
  });
});

describe('any other origin', () => {
  const others = ['http://evil.example', 'app://evil', 'app://switchboard.evil', 'null', 'https://switchboard', 'file://'];

  it('gets no preflight answer and no CORS header, and its calls are refused even with the token', async () => {
    for (const origin of others) {
      const pre = await preflight(origin);
      expect(pre.status).toBe(403);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      expect(pre.headers['access-control-allow-private-network']).toBeUndefined();
      const call = await api(host.url, 'tasks.list', {}, { ...auth(), origin });
      expect(call.status).toBe(403);
      expect(call.headers['access-control-allow-origin']).toBeUndefined();
      expect((call.json() as { error: { message: string } }).error.message).toContain('cross-origin');
    }
  });

  it('cannot open the event socket', async () => {
    for (const origin of others) {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`, { origin });
        ws.once('open', () => reject(new Error(`${origin} was let in`)));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', reject);
      });
      expect(status).toBe(403);
    }
  });

  it('a page the host served itself needs no CORS: same origin gets no CORS header', async () => {
    const same = await api(host.url, 'tasks.list', {}, { ...auth(), origin: `http://127.0.0.1:${host.port}` });
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the allowed app origin is a parameter', () => {
  it('accepts the one it is given instead of app://switchboard', async () => {
    const standIn = 'http://127.0.0.1:1';
    const other = await createHost({ core, port: 0, staticDir: tempDir(), log: () => {}, appOrigin: standIn });
    try {
      const pre = await raw(other.url, { method: 'OPTIONS', path: '/api/tasks.list', headers: { origin: standIn, 'access-control-request-method': 'POST' } });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(standIn);
      expect((await api(other.url, 'tasks.list', {}, { authorization: `Bearer ${other.token}`, origin: standIn })).status).toBe(200);
      expect((await api(other.url, 'tasks.list', {}, { authorization: `Bearer ${other.token}`, origin: APP_ORIGIN })).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});
