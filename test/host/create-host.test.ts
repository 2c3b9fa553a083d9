import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { createHost, type Host } from '../../electron/host/create-host.js';
import { tempDir } from '../helpers/temp.js';
import { newHome } from './home.js';
import { api, raw } from './raw-http.js';

let core: Core;
let host: Host;
let project: string;
let staticDir: string;
const auth = () => ({ authorization: `Bearer ${host.token}` });

beforeEach(async () => {
  core = createCore({ home: newHome() });
  project = tempDir();
  staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Switchboard</title><div id="root"></div>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  host = await createHost({ core, port: 0, staticDir, log: () => {} });
});

afterEach(async () => {
  await host.close();
  await core.dispose();
});

describe('the API needs the token', () => {
  it('answers GET /health without a token, with its pid and version, and nothing more', async () => {
    const res = await fetch(new URL('health', host.url));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ ok: true, pid: process.pid, version: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain(host.token);
  });

  it('answers 401 without a token and with a wrong one, 200 with the right one', async () => {
    const none = await api(host.url, 'tasks.list', {});
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(none.headers['www-authenticate']).toBe('Bearer');

    const wrong = await api(host.url, 'tasks.list', {}, { authorization: `Bearer ${host.token.slice(0, -2)}xx` });
    expect(wrong.status).toBe(401);
    const notBearer = await api(host.url, 'tasks.list', {}, { authorization: `Basic ${host.token}` });
    expect(notBearer.status).toBe(401);
    // ?token= is only for the WebSocket, where browsers cannot send headers.
    const query = await raw(host.url, { method: 'POST', path: `/api/tasks.list?token=${host.token}`, body: '{}' });
    expect(query.status).toBe(401);

    const ok = await api(host.url, 'tasks.list', {}, auth());
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ tasks: [], nextCursor: null });
  });

  it('uses a fresh 32-byte base64url token per start', async () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await createHost({ core, port: 0, staticDir });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.openUrl).toBe(`http://127.0.0.1:${other.port}/#token=${other.token}`);
    } finally {
      await other.close();
    }
  });
});

describe('only this site may call it', () => {
  it('refuses a cross-origin browser request even with the token', async () => {
    const evil = await api(host.url, 'tasks.list', {}, { ...auth(), origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect((evil.json() as { error: { message: string } }).error.message).toContain('cross-origin');
    const nullOrigin = await api(host.url, 'tasks.list', {}, { ...auth(), origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const sameOrigin = await api(host.url, 'tasks.list', {}, { ...auth(), origin: `http://127.0.0.1:${host.port}` });
    expect(sameOrigin.status).toBe(200);
    const localhost = await api(host.url, 'tasks.list', {}, { ...auth(), origin: `http://localhost:${host.port}`, host: `localhost:${host.port}` });
    expect(localhost.status).toBe(200);
  });

  it('refuses a request whose Host is not this server (DNS rebinding), on the API and on static files', async () => {
    const rebound = await api(host.url, 'tasks.list', {}, { ...auth(), host: `attacker.example:${host.port}` });
    expect(rebound.status).toBe(403);
    const otherPort = await api(host.url, 'tasks.list', {}, { ...auth(), host: `127.0.0.1:${host.port + 1}` });
    expect(otherPort.status).toBe(403);
    const page = await raw(host.url, { headers: { host: `attacker.example:${host.port}` } });
    expect(page.status).toBe(403);
  });
});

describe('requests', () => {
  it('creates a task with POST and lists it', async () => {
    const created = await api(host.url, 'tasks.create', { projectDir: project, prompt: 'fix the flaky test', agent: 'claude' }, auth());
    expect(created.status).toBe(200);
    const task = created.json() as { id: string; state: string; projectDir: string };
    expect(task).toMatchObject({ state: 'queued', agent: 'claude', prompt: 'fix the flaky test' });
    expect(task.id).toMatch(/^dispatch-/);

    const listed = await api(host.url, 'tasks.list', { limit: 10 }, auth());
    expect((listed.json() as { tasks: { id: string }[] }).tasks.map((t) => t.id)).toEqual([task.id]);
    const got = await api(host.url, 'tasks.get', { id: task.id }, auth());
    expect(got.json()).toMatchObject({ task: { id: task.id }, runs: [] });
  });

  it('answers invalid input with 400 naming the field', async () => {
    const res = await api(host.url, 'tasks.create', { projectDir: project }, auth());
    expect(res.status).toBe(400);
    const { error } = res.json() as { error: { code: string; message: string; details: { path: string }[] } };
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('prompt');
    expect(error.details.map((d) => d.path)).toContain('prompt');
  });

  it('maps errors to statuses: bad JSON 400, unknown request 404, missing task 404, conflict 409, GET 405', async () => {
    const badJson = await api(host.url, 'tasks.list', '{"limit": ', auth());
    expect(badJson.status).toBe(400);
    expect(badJson.text).toContain('not valid JSON');
    expect((await api(host.url, 'tasks.nope', {}, auth())).status).toBe(404);
    const missing = await api(host.url, 'tasks.get', { id: 'dispatch-missing' }, auth());
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('dispatch-missing');

    const task = (await api(host.url, 'tasks.create', { projectDir: project, prompt: 'x' }, auth())).json() as { id: string };
    expect((await api(host.url, 'tasks.cancel', { id: task.id }, auth())).status).toBe(200);
    const again = await api(host.url, 'tasks.cancel', { id: task.id }, auth());
    expect(again.status).toBe(409);

    const get = await raw(host.url, { path: '/api/tasks.list', headers: auth() });
    expect(get.status).toBe(405);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ projectDir: project, prompt: 'x'.repeat(1024 * 1024 + 10) });
    const res = await api(host.url, 'tasks.create', big, auth());
    expect(res.status).toBe(413);
    expect(res.text).toContain('1 MiB');
  });
});

describe('the event socket', () => {
  const open = (url: string, protocols?: string[], headers?: Record<string, string>) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, protocols, { headers });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  const wsUrl = () => `ws://127.0.0.1:${host.port}/api/events`;

  it('carries task.changed after a create, with the token in the query', async () => {
    const ws = await open(`${wsUrl()}?token=${host.token}`);
    const received: { name: string; payload: { task: { id: string; state: string }; previousState: string | null } }[] = [];
    const got = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error('no event within 5 s')), 5000).unref();
      ws.on('message', (data) => {
        received.push(...JSON.parse(String(data))); // each message is a batch (a JSON array)
        resolve();
      });
    });
    const created = await api(host.url, 'tasks.create', { projectDir: project, prompt: 'hello' }, auth());
    expect(created.status).toBe(200);
    const task = created.json() as { id: string };
    await got;
    expect(received[0]).toMatchObject({ name: 'task.changed', payload: { task: { id: task.id, state: 'queued' }, previousState: null } });
    expect(host.clientCount()).toBe(1);
    ws.close();
  });

  it('sends a burst of events as a few batches, every event once and in order', async () => {
    const ws = await open(`${wsUrl()}?token=${host.token}`);
    const batches: { name: string; payload: { taskId: string; seq: number } }[][] = [];
    ws.on('message', (data) => batches.push(JSON.parse(String(data))));
    const n = 2000;
    for (let seq = 0; seq < n; seq++) core.bus.emit('run.output', { taskId: 'dispatch-burst', runId: 1, seq, data: 'x'.repeat(100) });
    const seen = () => batches.flat().length;
    for (const end = Date.now() + 30_000; seen() < n && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(batches.flat().map((e) => e.payload.seq)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(batches.length).toBeLessThan(n / 10); // batched: far fewer messages than events
    ws.close();
  });

  it('accepts the token as the bearer.<token> subprotocol and echoes it', async () => {
    const ws = await open(wsUrl(), [`bearer.${host.token}`]);
    expect(ws.protocol).toBe(`bearer.${host.token}`);
    ws.close();
  });

  it('refuses a missing or wrong token (401), a foreign origin (403) and another path (404)', async () => {
    await expect(open(wsUrl())).rejects.toThrow('HTTP 401');
    await expect(open(`${wsUrl()}?token=wrong`)).rejects.toThrow('HTTP 401');
    await expect(open(`${wsUrl()}?token=${host.token}`, undefined, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open(`ws://127.0.0.1:${host.port}/other?token=${host.token}`)).rejects.toThrow('HTTP 404');
    expect(host.clientCount()).toBe(0);
  });
});

describe('static files', () => {
  it('serves the renderer without a token, with a strict CSP, and index.html for unknown paths', async () => {
    const index = await raw(host.url);
    expect(index.status).toBe(200);
    expect(index.text).toContain('<div id="root">');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(index.headers['x-frame-options']).toBe('DENY');

    const js = await raw(host.url, { path: '/assets/app.js' });
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.text).toBe('console.log("app")');

    const route = await raw(host.url, { path: '/tasks/dispatch-1' });
    expect(route.text).toContain('<div id="root">');
  });

  it('never serves a file outside the static folder', async () => {
    writeFileSync(join(staticDir, '..', 'secret.txt'), 'secret');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await raw(host.url, { path });
      expect(res.text).not.toContain('secret');
    }
  });
});
