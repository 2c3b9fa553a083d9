/**
 * The headless host: the same core a window would use, served over HTTP + WebSocket to a browser
 * on this machine. Every /api request carries the bearer token; every request must name this host
 * (Host header) and come from no origin, this origin or the desktop window's (app://switchboard, with
 * CORS). The renderer bundle is served openly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Core } from '../core/create-core.js';
import { AppError } from '../core/errors.js';
import { redactText } from '../core/redact.js';
import { appRoot, appVersion } from '../core/version.js';
import { createEventsSocket } from './events-socket.js';
import { handleApiCall, sendError, sendJson } from './http-api.js';
import { createGate, isLoopback, newToken, PREFLIGHT_HEADERS } from './security.js';
import { createStaticFiles } from './static-files.js';
import { HEALTH_PATH } from './server-info.js';

export interface HostOptions {
  core: Pick<Core, 'call' | 'bus'>;
  /** 0 picks any free port. */
  port: number;
  bindHost?: string;
  /** The built renderer; defaults to out/renderer under the app root. */
  staticDir?: string;
  /** Where unexpected failures are reported (stderr by default). */
  log?: (line: string) => void;
  /** The bearer token; a fresh random one when unset (publishHost passes the home's saved token). */
  token?: string;
  /** The desktop window's origin, accepted cross-origin (default app://switchboard; tests pass a stand-in). */
  appOrigin?: string;
}

export interface Host {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The URL to open in a browser: the token rides in the fragment, which is never sent to a server. */
  readonly openUrl: string;
  /** Open event-stream clients. */
  clientCount(): number;
  close(): Promise<void>;
  dispose(): Promise<void>;
}

export const defaultStaticDir = (): string => join(appRoot(), 'out', 'renderer');

export async function createHost(opts: HostOptions): Promise<Host> {
  const bindHost = opts.bindHost ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const print = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (line: string): void => print(redactText(line, [token])); // a failure's text must not carry the token
  let port = opts.port;
  const gate = createGate({ token, bindHost, port: () => port, appOrigin: opts.appOrigin });
  const files = createStaticFiles(opts.staticDir ?? defaultStaticDir());
  const events = createEventsSocket({ bus: opts.core.bus, gate });

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const isApi = path === '/api' || path.startsWith('/api/');
    const site = gate.checkSite(req);
    if (site) {
      if (isApi) return sendError(res, 403, { code: 'unauthorized', message: site });
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${site}\n`);
      return;
    }
    // The desktop window (app://switchboard) calls cross-origin: its answers carry CORS headers, and its
    // preflight (which never carries the token) is answered here; every real request still needs the token.
    const cors = isApi || path === HEALTH_PATH ? gate.corsHeaders(req) : null;
    if (cors) for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    if (cors && req.method === 'OPTIONS') {
      res.writeHead(204, PREFLIGHT_HEADERS);
      res.end();
      return;
    }
    // Health: open (no token), so a shell or a supervisor can tell a live daemon from a hung one.
    if (path === HEALTH_PATH) return sendJson(res, 200, { ok: true, pid: process.pid, version: appVersion() });
    if (!isApi) return files.serve(req, res);
    if (!gate.authorized(req)) {
      return sendError(
        res,
        401,
        { code: 'unauthorized', message: 'missing or wrong token: send `Authorization: Bearer <token>` (the token is in <home>/server.json)' },
        { 'www-authenticate': 'Bearer' },
      );
    }
    if (path === '/api/events') return sendError(res, 400, { code: 'invalid_input', message: '/api/events is a WebSocket: connect with ws:// and an Upgrade request' });
    if (req.method !== 'POST') {
      return sendError(res, 405, { code: 'invalid_input', message: `${req.method} ${path}: requests are POST /api/<method> with a JSON body` }, { allow: 'POST' });
    }
    let method: string;
    try {
      method = decodeURIComponent(path.slice('/api/'.length));
    } catch {
      return sendError(res, 400, { code: 'invalid_input', message: `bad request name in ${path}` });
    }
    void handleApiCall(opts.core.call, method, req, res, log);
  };

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 15_000 }, onRequest);
  server.on('upgrade', (req, socket, head) => events.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      events.dispose();
      if (err.code === 'EADDRINUSE') reject(new AppError('unavailable', `port ${opts.port} on ${bindHost} is already in use: pass --port 0 for any free port, or another --port`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new AppError('invalid_input', `cannot listen on ${bindHost}: this machine has no such address`));
      else reject(err);
    };
    server.once('error', onError);
    server.listen(opts.port, bindHost, () => {
      server.off('error', onError);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const urlHost = isLoopback(bindHost) || bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${urlHost}:${port}/`;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      events.dispose();
      server.close(() => resolve());
      server.closeAllConnections();
    }));

  return {
    url,
    port,
    token,
    openUrl: `${url}#token=${token}`,
    clientCount: events.clientCount,
    close,
    dispose: close,
  };
}
