import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface PostResult {
  /** HTTP status, or null when no response arrived (refused, timed out, DNS...). */
  status: number | null;
  /** Why it did not succeed, for the audit; null on 2xx. */
  error: string | null;
  /** The start of the response body (bounded), for the audit. */
  bodyStart: string;
}

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** Response bytes read at most; the rest is discarded and the connection closed. */
  maxResponseBytes: number;
  signal?: AbortSignal;
  /** Resolves host names (callback-policy's guardedLookup refuses forbidden addresses). */
  lookup?: LookupFunction;
}

/**
 * POSTs a body to an http(s) URL with a hard overall timeout and a bounded response. Never follows
 * redirects, never throws: the result says what happened.
 */
export function postJson(url: string, body: string, opts: PostOptions): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ status: null, error: `"${url}" is not a valid URL`, bodyStart: '' });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return resolve({ status: null, error: `only http and https callback URLs are allowed, not ${target.protocol}`, bodyStart: '' });
    }
    let settled = false;
    const done = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const payload = Buffer.from(body, 'utf8');
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      agent: false,
      ...(opts.lookup ? { lookup: opts.lookup } : {}),
      headers: { ...opts.headers, 'content-type': 'application/json', 'content-length': String(payload.length), connection: 'close' },
    });
    const timer = setTimeout(() => {
      req.destroy();
      done({ status: null, error: `no complete answer within ${opts.timeoutMs} ms`, bodyStart: '' });
    }, opts.timeoutMs);
    const onAbort = () => {
      req.destroy();
      done({ status: null, error: 'Switchboard stopped before the callback finished', bodyStart: '' });
    };
    opts.signal?.addEventListener('abort', onAbort);
    req.on('error', (err) => done({ status: null, error: err.message, bodyStart: '' }));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let bytes = 0;
      const finish = () => {
        const bodyStart = Buffer.concat(chunks).toString('utf8', 0, Math.min(bytes, 512));
        const ok = status >= 200 && status < 300;
        const where = status >= 300 && status < 400 && res.headers.location ? ` (redirect to ${res.headers.location}; redirects are not followed)` : '';
        done({ status, error: ok ? null : `HTTP ${status}${where}`, bodyStart });
      };
      res.on('data', (chunk: Buffer) => {
        if (bytes < opts.maxResponseBytes) chunks.push(chunk.subarray(0, opts.maxResponseBytes - bytes));
        bytes += chunk.length;
        if (bytes > opts.maxResponseBytes) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    });
    req.end(payload);
  });
}
