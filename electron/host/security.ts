/**
 * Who may talk to the host: the bearer token (timing-safe), the Host header (against DNS rebinding)
 * and the Origin header: a page this host served, or the desktop window (app://switchboard, which
 * calls the daemon cross-origin and so gets CORS answers); a page from anywhere else is refused.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { APP_ORIGIN } from './renderer-policy.js';

/** 32 random bytes, base64url: a new one per start. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Compares digests so neither the content nor the length of the token leaks through timing. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export const isLoopback = (addr: string): boolean => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(addr) || addr.startsWith('127.');

export interface Gate {
  /** The Host header values this server answers to ("127.0.0.1:PORT", "localhost:PORT", ...). */
  allowedHosts(): string[];
  /** Null when the request's Host and Origin are acceptable, else why not (for a 403 body). */
  checkSite(req: IncomingMessage): string | null;
  /** The token from `Authorization: Bearer`, `?token=` (WebSocket only) or `Sec-WebSocket-Protocol: bearer.<token>` (WebSocket only). */
  tokenOf(req: IncomingMessage, opts?: { allowQuery?: boolean }): string | null;
  authorized(req: IncomingMessage, opts?: { allowQuery?: boolean }): boolean;
  /** The CORS headers for a request from the desktop window's origin; null for any other request. */
  corsHeaders(req: IncomingMessage): Record<string, string> | null;
}

/** What a CORS preflight from the desktop window is allowed: the contract's POSTs with a bearer token
 * and a JSON body. Private-Network: Chromium asks before a page reaches a loopback address. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-private-network': 'true',
  'access-control-max-age': '600',
};

export interface GateOptions {
  token: string;
  bindHost: string;
  port: () => number;
  /** The one foreign origin accepted (still token-checked): the desktop window's. Tests pass a stand-in. */
  appOrigin?: string;
}

export function createGate(opts: GateOptions): Gate {
  const appOrigin = (opts.appOrigin ?? APP_ORIGIN).toLowerCase();
  const allowedHosts = (): string[] => {
    const port = opts.port();
    const names = new Set(LOOPBACK_NAMES);
    if (!isLoopback(opts.bindHost) && opts.bindHost !== '0.0.0.0' && opts.bindHost !== '::') {
      names.add(opts.bindHost.includes(':') ? `[${opts.bindHost}]` : opts.bindHost);
    }
    return [...names].map((n) => `${n}:${port}`);
  };

  const tokenOf = (req: IncomingMessage, o: { allowQuery?: boolean } = {}): string | null => {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
      return m ? m[1] : null;
    }
    if (!o.allowQuery) return null;
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const bearer = protocols.find((p) => p.startsWith('bearer.'));
    if (bearer) return bearer.slice('bearer.'.length);
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    return query || null;
  };

  return {
    allowedHosts,
    checkSite(req) {
      const hosts = allowedHosts();
      const host = (req.headers.host ?? '').toLowerCase();
      if (!hosts.includes(host)) return `Host "${req.headers.host ?? ''}" is not this server (expected ${hosts.join(' or ')})`;
      const origin = req.headers.origin;
      if (origin !== undefined && origin.toLowerCase() !== appOrigin && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
        return `cross-origin request from ${origin} refused: only pages served by this host, and the Switchboard app, may call it`;
      }
      return null;
    },
    tokenOf,
    authorized: (req, o) => tokenMatches(tokenOf(req, o), opts.token),
    corsHeaders(req) {
      const origin = req.headers.origin;
      return origin !== undefined && origin.toLowerCase() === appOrigin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : null;
    },
  };
}
