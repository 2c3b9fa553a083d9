/**
 * The app:// scheme: serves the built renderer (out/renderer) with a strict CSP, and nothing else.
 * Content never comes from file://, and a path that leaves the renderer folder is refused.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { ShellElectron } from './electron-api.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, contentSecurityPolicy, contentTypeOf } from '../host/renderer-policy.js';

export { APP_HOST, APP_ORIGIN, APP_SCHEME };
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Where the daemon listens for the window: loopback (server.json's URL names 127.0.0.1 for every
 * loopback or wildcard bind, electron/host/create-host.ts). */
export const DAEMON_HOST = '127.0.0.1';

/** No inline script, no eval; the network only to the daemon on loopback (HTTP and its events
 * WebSocket), on whichever port it serves. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([`http://${DAEMON_HOST}:*`, `ws://${DAEMON_HOST}:*`]);

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** Must run before the app is ready: app:// behaves like https (secure, standard, fetch-able). */
export function registerAppScheme(protocol: ShellElectron['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/** True for a URL on our own origin (app://switchboard/...). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

const textResponse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Maps an app:// request to a file under rendererDir. Pure apart from reading that file. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, 'bad url');
    }
    if (url.host !== APP_HOST) return textResponse(404, `unknown host ${url.host}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return textResponse(400, 'bad path encoding');
    }
    if (pathname.includes('\0') || pathname.split(/[\\/]/).includes('..')) return textResponse(403, 'path traversal refused');
    const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = resolve(root, relative);
    if (file !== root && !file.startsWith(root + sep)) return textResponse(403, 'path traversal refused');
    try {
      const info = await stat(file);
      if (!info.isFile()) return textResponse(404, `not found: ${pathname}`);
      const body = request.method === 'HEAD' ? null : await readFile(file);
      const type = contentTypeOf(extname(file));
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' } });
    } catch {
      return textResponse(404, `not found: ${pathname}`);
    }
  };
}
