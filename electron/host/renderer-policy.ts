/**
 * How the built renderer is served, the same under Electron (app://) and the headless host (http):
 * the content types of its files, its Content-Security-Policy, and the app's own origin.
 */

/** The desktop window's origin (electron/main/app-protocol.ts serves it). Its page calls the daemon
 * cross-origin, so the daemon accepts this origin too (security.ts, createGate's `appOrigin`). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const contentTypeOf = (ext: string): string => RENDERER_CONTENT_TYPES[ext.toLowerCase()] ?? 'application/octet-stream';

/**
 * Scripts only from our own origin, no eval, no frames, plugins or form posts. `connect` lists what the
 * page may reach besides 'self' (the headless host adds its event socket; the desktop window adds the
 * daemon on loopback, which it calls cross-origin).
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // React and xterm set inline styles; style injection cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
