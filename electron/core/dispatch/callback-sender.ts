import type { CompletionReport } from '../../../shared/models/completion.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import type { Store } from '../store/index.js';
import { postJson, type PostResult } from './http-post.js';
import { createOutboxRepo, type OutboxRow } from './outbox-repo.js';
import { signCallback } from './signature.js';
import { guardedLookup, refusedCallbackUrl } from './callback-policy.js';

export interface CallbackOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  /** First retry delay; each next one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const DEFAULT_CALLBACK_OPTIONS: CallbackOptions = {
  timeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60_000,
  concurrency: 4,
};

export interface CallbackSenderDeps {
  store: Store;
  clock: Clock;
  config: ConfigService;
  version: string;
  /** Under --local-only nothing is sent: new callbacks are skipped, queued ones wait. */
  localOnly: () => boolean;
  audit(kind: string, taskId: string | null, data: Record<string, unknown>): void;
  options?: Partial<CallbackOptions>;
}

export interface CallbackSender {
  /** Queues the POST of a report (once per key). */
  enqueue(key: string, url: string, report: CompletionReport): void;
  start(): void;
  dispose(): Promise<void>;
}

/** 4xx answers that will not change on a retry (everything but timeouts and rate limits). */
const isPermanent = (r: PostResult): boolean =>
  (r.error != null && /callback_url refused|callback to .* refused/.test(r.error)) ||
  (r.status != null && ((r.status >= 300 && r.status < 400) || (r.status >= 400 && r.status < 500 && ![408, 425, 429].includes(r.status))));

/**
 * Delivers completion reports to callback URLs through the outbox table (invariant 4): every attempt is
 * recorded before it is made and audited after, retried with exponential backoff up to
 * callbackMaxAttempts, and resumed after a restart.
 */
export function createCallbackSender(deps: CallbackSenderDeps): CallbackSender {
  const opts = { ...DEFAULT_CALLBACK_OPTIONS, ...deps.options };
  const outbox = createOutboxRepo(deps.store.db);
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  /** Outbox rows being attempted right now: a row is never sent twice at once. */
  const busyRows = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let disposed = false;

  const delayFor = (attempt: number): number => Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));

  const attempt = async (row: OutboxRow): Promise<void> => {
    const now = deps.clock.now();
    const n = row.attempts + 1;
    // The lease outlives the request (a slow answer must not make the row due again mid-flight); the
    // outcome below then sets the real next attempt.
    if (!outbox.beginAttempt(row, now + Math.max(delayFor(n), opts.timeoutMs + 1000), now)) return;
    const headers: Record<string, string> = {
      'user-agent': `Switchboard/${deps.version}`,
      'x-switchboard-dispatch-id': row.dispatch_id,
      'x-switchboard-delivery': `${row.id}-${n}`,
    };
    const secret = deps.config.get().dispatchSecret;
    if (secret) headers['x-switchboard-signature'] = signCallback(secret, row.body);
    const started = Date.now();
    // Checked again at every attempt: the policy may have changed, and the address a host name
    // resolves to is checked on connect (callback-policy.ts).
    const allow = deps.config.get().callbackAllow ?? [];
    const refused = refusedCallbackUrl(row.url, allow);
    const result: PostResult = refused
      ? { status: null, error: `callback_url refused: ${refused}`, bodyStart: '' }
      : await postJson(row.url, row.body, { headers, timeoutMs: opts.timeoutMs, maxResponseBytes: opts.maxResponseBytes, signal: abort.signal, lookup: guardedLookup(allow) });
    if (disposed) return; // the row stays pending with its next attempt recorded
    const end = deps.clock.now();
    const base = { url: row.url, attempt: n, maxAttempts: row.max_attempts, status: result.status, ms: Date.now() - started };
    if (result.error == null) {
      if (outbox.delivered(row.id, n, end)) deps.audit('callback.attempt', row.dispatch_id, { ...base, outcome: 'delivered' });
    } else if (isPermanent(result) || n >= row.max_attempts) {
      const why = isPermanent(result) ? `${result.error}: not retried` : `${result.error}: gave up after ${n} attempts`;
      // Only the status line: the receiver's body is not copied into the audit log.
      if (outbox.failed(row.id, n, why, end)) deps.audit('callback.attempt', row.dispatch_id, { ...base, outcome: 'gave_up', error: why });
    } else {
      const at = end + delayFor(n);
      if (outbox.retryAt(row.id, n, result.error, at, end)) {
        deps.audit('callback.attempt', row.dispatch_id, { ...base, outcome: 'retry', error: result.error, nextAttemptAt: new Date(at).toISOString() });
      }
    }
  };

  const pump = (): void => {
    timer = null;
    if (disposed || !started || deps.localOnly()) return;
    const free = opts.concurrency - inFlight.size;
    if (free > 0) {
      for (const row of outbox.due(deps.clock.now(), free + busyRows.size)) {
        if (busyRows.has(row.id) || inFlight.size >= opts.concurrency) continue;
        busyRows.add(row.id);
        const p = attempt(row)
          .catch((err) => {
            if (!disposed) deps.audit('callback.attempt', row.dispatch_id, { url: row.url, outcome: 'error', error: (err as Error).message });
          })
          .finally(() => {
            inFlight.delete(p);
            busyRows.delete(row.id);
            schedule();
          });
        inFlight.add(p);
      }
    }
    schedule();
  };

  const schedule = (): void => {
    if (disposed || !started || deps.localOnly() || inFlight.size >= opts.concurrency) return;
    const at = outbox.nextDueAt();
    if (at == null) return;
    const delay = Math.min(Math.max(0, at - deps.clock.now()), 60_000);
    if (timer) clearTimeout(timer);
    timer = setTimeout(pump, delay);
    timer.unref?.();
  };

  return {
    enqueue(key, url, report) {
      if (disposed) return;
      if (deps.localOnly()) {
        deps.audit('callback.skipped', report.dispatch_id, { url, reason: 'Switchboard runs with --local-only (localOnly): no callbacks are sent' });
        return;
      }
      const added = outbox.enqueue(
        { key, dispatchId: report.dispatch_id, url, body: JSON.stringify(report), maxAttempts: deps.config.get().callbackMaxAttempts },
        deps.clock.now(),
      );
      if (added) deps.audit('callback.queued', report.dispatch_id, { url, key });
      schedule();
    },
    start() {
      started = true;
      schedule();
    },
    async dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
