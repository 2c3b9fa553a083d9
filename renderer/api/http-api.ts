import { REQUEST_NAMES, type Api, type ErrorBody, type RequestName } from '../../shared/contract.js';
import { ApiError } from './api-error.js';

export interface HttpApiOptions {
  /** Origin of the headless host, e.g. "http://127.0.0.1:4123" ("" for same origin). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Called when the host answers 401, so the UI can say the token is stale. */
  onUnauthorized?: () => void;
}

/** The contract over the headless host: `POST /api/<method>` with a JSON body and a bearer token. */
export function createHttpApi(opts: HttpApiOptions): Api {
  const doFetch = opts.fetch ?? fetch.bind(globalThis);

  async function call(method: RequestName, input: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${opts.baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ApiError('unavailable', `Cannot reach the Switchboard host for ${method} (${why}). Is \`switchboard serve\` still running?`);
    }
    const body = await readJson(res);
    if (res.ok) return body;
    if (res.status === 401) opts.onUnauthorized?.();
    throw errorFrom(method, res.status, body);
  }

  return Object.fromEntries(REQUEST_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as Api;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: 'internal', message: text.slice(0, 300) } };
  }
}

function errorFrom(method: string, status: number, body: unknown): ApiError {
  const e = (body as { error?: Partial<ErrorBody> } | undefined)?.error;
  if (status === 401) {
    return new ApiError('unauthorized', 'The host refused this session’s token. Open the URL that `switchboard serve` printed (it ends in #token=…).', undefined, status);
  }
  if (e && typeof e.message === 'string') return new ApiError(e.code ?? 'internal', e.message, e.details, status);
  return new ApiError(status >= 500 ? 'internal' : 'invalid_input', `${method} failed with HTTP ${status}`, undefined, status);
}
