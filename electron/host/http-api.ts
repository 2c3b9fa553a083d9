/**
 * `POST /api/<method>`: the JSON body is the contract input, the answer is the contract output or
 * `{ error: { code, message, details? } }` with a status that matches the code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody, ErrorCode } from '../../shared/contract.js';
import { AppError, toErrorBody } from '../core/errors.js';
import type { Router } from '../core/router.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  // 403, not 401: a core error with this code is a credential elsewhere refused or missing (GitHub's
  // token for a pull request). 401 is only the host's own bearer check (create-host.ts), which the
  // browser client reads as "this tab's session token is refused" and stops.
  unauthorized: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export const sendError = (res: ServerResponse, status: number, error: ErrorBody, headers?: Record<string, string>): void =>
  sendJson(res, status, { error }, headers);

/** Reads the whole body, refusing more than `limit` bytes with a 413 AppError. */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(tooLarge(limit));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

class TooLarge extends AppError {}
const tooLarge = (limit: number): AppError =>
  new TooLarge('invalid_input', `the request body is larger than ${limit / 1024 / 1024} MiB; send less data per request`);

export function parseJsonBody(body: Buffer, method: string): unknown {
  const text = body.toString('utf8').trim();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_input', `the body of ${method} is not valid JSON (${(err as Error).message}); send the input as a JSON object`);
  }
}

/** Handles one authorized API request. `log` receives unexpected (internal) failures. */
export async function handleApiCall(
  call: Router['call'],
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  try {
    const body = await readBody(req);
    const input = parseJsonBody(body, method);
    const output = await call(method, input);
    sendJson(res, 200, output ?? null);
  } catch (err) {
    const error = toErrorBody(err);
    if (!(err instanceof AppError)) log(`switchboard host: ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const status = err instanceof TooLarge ? 413 : STATUS_OF[error.code] ?? 500;
    sendError(res, status, error, status === 413 ? { connection: 'close' } : undefined);
  }
}
