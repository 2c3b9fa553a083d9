/**
 * The built renderer (out/renderer), served without a token: the bundle is not secret, the token
 * travels in the URL fragment, which browsers never send. Unknown paths get index.html (SPA routes).
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { contentSecurityPolicy, contentTypeOf } from './renderer-policy.js';

/** The CSP of the page served by this host: the API and the event socket on this very host (older browsers do not map 'self' to ws:). */
export const hostContentSecurityPolicy = (host: string): string => contentSecurityPolicy([`ws://${host}`]);

export interface StaticFiles {
  serve(req: IncomingMessage, res: ServerResponse): void;
}

export function createStaticFiles(dir: string): StaticFiles {
  const root = resolve(dir);

  const fileFor = (urlPath: string): string | null => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const full = resolve(join(root, decoded));
    if (full !== root && !full.startsWith(root + sep)) return null;
    try {
      return statSync(full).isFile() ? full : null;
    } catch {
      return null;
    }
  };

  return {
    serve(req, res) {
      const host = req.headers.host ?? '127.0.0.1';
      const headers = {
        'content-security-policy': hostContentSecurityPolicy(host),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end('method not allowed\n');
        return;
      }
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const asked = path === '/' ? null : fileFor(path);
      const file = asked ?? fileFor('/index.html');
      if (!file) {
        res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end(`The Switchboard web app is not built (no index.html in ${root}). Run \`npm run build\` and reload.\n`);
        return;
      }
      const isIndex = file.endsWith(`${sep}index.html`);
      const type = contentTypeOf(extname(file));
      res.writeHead(200, {
        ...headers,
        'content-type': type,
        'content-length': statSync(file).size,
        // Hashed asset names are immutable; index.html must be re-read to pick up a new build.
        'cache-control': isIndex ? 'no-cache' : 'public, max-age=3600',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    },
  };
}
