import type { AnyEvent } from '../../shared/contract.js';
import type { ConnectionState } from './types.js';

/** The part of a browser WebSocket this module uses, so tests can pass Node's. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface EventSocketOptions {
  url: string;
  connect: (url: string) => SocketLike;
  onEvent: (event: AnyEvent) => void;
  onState: (state: ConnectionState) => void;
  /**
   * Asked after an attempt fails before the socket ever opened (a browser hides the HTTP status
   * of a refused upgrade): resolve false to stop retrying, e.g. because the token is refused.
   */
  shouldRetry?: () => Promise<boolean>;
  /** Delay before attempt n (1-based); defaults to backoffDelay. */
  delay?: (attempt: number) => number;
  now?: () => number;
}

/** Exponential backoff from 500 ms, doubling, capped at 10 s, with up to 20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.2 * random()));
}

/** Close codes a host uses for a refused token: retrying with the same token is pointless. */
const UNAUTHORIZED_CODES = [1008, 4401];

/**
 * Keeps one event WebSocket open: reconnects with backoff, reports its state, and parses each
 * message as `{ name, payload }`. Call the returned function to close it for good.
 */
export function openEventSocket(opts: EventSocketOptions): () => void {
  const delay = opts.delay ?? backoffDelay;
  const now = opts.now ?? Date.now;
  let attempt = 0;
  let opened = false;
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const report = (s: Omit<ConnectionState, 'attempt'>) => opts.onState({ ...s, attempt });

  const connect = () => {
    timer = null;
    if (stopped) return;
    let ws: SocketLike;
    try {
      ws = opts.connect(opts.url);
    } catch (err) {
      return retry(err instanceof Error ? err.message : String(err));
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      opened = true;
      report({ status: 'open', retryAt: null, reason: null });
    };
    ws.onmessage = (ev) => {
      for (const event of parse(ev.data)) opts.onEvent(event);
    };
    // Browsers fire error then close; some runtimes fire only error. The first one counts.
    ws.onerror = () => lost(ws, { code: 1006, reason: '' });
    ws.onclose = (ev) => lost(ws, ev);
  };

  const lost = (ws: SocketLike, ev: { code: number; reason: string }) => {
    if (socket !== ws) return;
    socket = null;
    const wasOpen = opened;
    opened = false;
    try {
      ws.close();
    } catch {}
    if (stopped) return;
    if (UNAUTHORIZED_CODES.includes(ev.code)) return refused(ev.reason);
    const reason = ev.reason || (wasOpen ? 'the connection to the host was lost' : 'the host did not answer');
    if (wasOpen || !opts.shouldRetry) return retry(reason);
    opts.shouldRetry().then(
      (again) => (again ? retry(reason) : refused()),
      () => retry(reason),
    );
  };

  const refused = (reason?: string) => {
    if (stopped) return;
    report({ status: 'unauthorized', retryAt: null, reason: reason || 'the host refused the token' });
  };

  const retry = (reason: string) => {
    if (stopped) return;
    attempt++;
    const wait = delay(attempt);
    report({ status: 'reconnecting', retryAt: now() + wait, reason });
    timer = setTimeout(connect, wait);
  };

  report({ status: 'connecting', retryAt: null, reason: null });
  connect();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    socket?.close(1000, 'closed by the app');
    socket = null;
  };
}

/** A message is a batch of events (a JSON array of `{ name, payload }`); anything malformed is skipped. */
function parse(data: unknown): AnyEvent[] {
  if (typeof data !== 'string') return [];
  try {
    const batch = JSON.parse(data) as unknown;
    if (!Array.isArray(batch)) return [];
    return batch.filter((msg): msg is AnyEvent => typeof (msg as { name?: unknown })?.name === 'string' && 'payload' in (msg as object));
  } catch {
    return [];
  }
}
