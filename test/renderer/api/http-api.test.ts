import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/api/api-error.js';
import { createHttpApi } from '../../../renderer/api/http-api.js';

// A real HTTP server that answers like the headless host: JSON in, JSON out, bearer token.
describe('createHttpApi', () => {
  let server: Server;
  let origin: string;
  const seen: { url: string; auth: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: req.url!, auth: req.headers.authorization, body });
        const reply = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (req.headers.authorization !== 'Bearer good') return reply(401, { error: { code: 'unauthorized', message: 'wrong token' } });
        if (req.url === '/api/tasks.get') return reply(404, { error: { code: 'not_found', message: 'task dispatch-x was not found' } });
        if (req.url === '/api/tasks.create')
          return reply(400, { error: { code: 'invalid_input', message: 'invalid input', details: [{ path: 'prompt', message: 'the prompt is empty' }] } });
        if (req.url === '/api/app.status') {
          res.writeHead(502, { 'content-type': 'text/plain' });
          return res.end('Bad Gateway');
        }
        reply(200, { tasks: [], nextCursor: null, echo: JSON.parse(body) });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('POSTs the input as JSON to /api/<method> with the bearer token and returns the output', async () => {
    const api = createHttpApi({ baseUrl: origin, token: 'good' });
    const out = (await api['tasks.list']({ limit: 5, search: 'x' })) as unknown as { echo: unknown };
    expect(out.echo).toEqual({ limit: 5, search: 'x' });
    expect(seen.at(-1)).toMatchObject({ url: '/api/tasks.list', auth: 'Bearer good' });
  });

  it('turns an error body into an ApiError with its code, message and field details', async () => {
    const api = createHttpApi({ baseUrl: origin, token: 'good' });
    const err = (await api['tasks.create']({ projectDir: '/p', prompt: ' ' }).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid_input');
    expect(err.status).toBe(400);
    expect(err.fieldError('prompt')).toBe('the prompt is empty');
    const missing = (await api['tasks.get']({ id: 'dispatch-x' }).catch((e) => e)) as ApiError;
    expect([missing.code, missing.message]).toEqual(['not_found', 'task dispatch-x was not found']);
  });

  it('keeps a non-JSON failure readable', async () => {
    const api = createHttpApi({ baseUrl: origin, token: 'good' });
    const err = (await api['app.status']({}).catch((e) => e)) as ApiError;
    expect(err.code).toBe('internal');
    expect(err.message).toBe('Bad Gateway');
  });

  it('reports a refused token once and says how to get a good one', async () => {
    let refused = 0;
    const api = createHttpApi({ baseUrl: origin, token: 'bad', onUnauthorized: () => refused++ });
    const err = (await api['tasks.list']({}).catch((e) => e)) as ApiError;
    expect(err.code).toBe('unauthorized');
    expect(err.message).toContain('switchboard serve');
    expect(refused).toBe(1);
  });

  it('says the host is unreachable when nothing listens', async () => {
    const api = createHttpApi({ baseUrl: 'http://127.0.0.1:1', token: 'good' });
    const err = (await api['projects.list']({}).catch((e) => e)) as ApiError;
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/Cannot reach the Switchboard host for projects\.list .*switchboard serve/);
  });
});
