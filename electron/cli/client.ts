/**
 * The CLI's client of a running instance: the contract's `Api` over `POST /api/<method>`, built
 * generically from REQUEST_NAMES, so a new request needs no code here. The instance is found through
 * `<home>/server.json`.
 */
import { REQUEST_NAMES, requests, type Api, type ErrorBody, type ErrorCode, type RequestName } from '../../shared/contract.js';
import { homePaths } from '../core/home.js';
import { findLiveServer, type ServerInfo } from '../host/server-info.js';
import { CliError, EXIT } from './command.js';

export const notRunningMessage = (home: string): string =>
  `Switchboard is not running for ${home}: start it with \`switchboard serve\` (or \`npm start\`)`;

/** An error answer from the server, kept with its contract code so a command can tell not_found from the rest. */
export class RemoteError extends CliError {
  constructor(
    readonly code: ErrorCode | 'bad_response',
    message: string,
    /** Field-level details of an invalid_input answer. */
    readonly details?: ErrorBody['details'],
  ) {
    super(message, code === 'invalid_input' ? EXIT.usage : EXIT.failure);
    this.name = 'RemoteError';
  }
}

export interface ClientOptions {
  /** Named in "not running" messages. */
  home?: string;
  timeoutMs?: number;
}

export function createClient(server: Pick<ServerInfo, 'url' | 'token'>, opts: ClientOptions = {}): Api {
  const timeoutMs = opts.timeoutMs ?? 60_000;

  const call = async (name: RequestName, input: unknown): Promise<unknown> => {
    const url = new URL(`api/${name}`, server.url);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw new CliError(`Switchboard at ${server.url} did not answer ${name} within ${timeoutMs / 1000} s`);
      const why = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(opts.home ? `${notRunningMessage(opts.home)} (nothing answers at ${server.url}: ${why})` : `cannot reach Switchboard at ${server.url}: ${why}`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RemoteError('bad_response', `unexpected answer from ${url} (HTTP ${res.status}): ${text.slice(0, 200)}`);
    }
    if (!res.ok) {
      const error = (body as { error?: Partial<ErrorBody> }).error;
      throw new RemoteError(error?.code ?? 'internal', error?.message ?? `HTTP ${res.status} from ${url}`, error?.details);
    }
    const parsed = requests[name].output.safeParse(body);
    if (!parsed.success) {
      throw new RemoteError('bad_response', `the running Switchboard answered ${name} with data this CLI does not understand: are the CLI and the server the same version?`);
    }
    return parsed.data;
  };

  return Object.fromEntries(REQUEST_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as Api;
}

/** A client of the instance serving `home`, or a CliError saying that none runs. */
export async function connectToHome(home: string, opts: Omit<ClientOptions, 'home'> = {}): Promise<Api> {
  const info = findLiveServer(homePaths(home).serverInfo);
  if (!info) throw new CliError(notRunningMessage(home));
  return createClient(info, { ...opts, home });
}
