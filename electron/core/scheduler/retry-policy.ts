/**
 * Which failures are retried, how often and after how long (issue #4). The default retries
 * rate_limit and overloaded with exponential backoff and nothing else; `retry` in config.json sets
 * a rule per error type. A retry goes back to the queue, so it waits inside the concurrency limits.
 */
import type { Config } from '../../../shared/models/config.js';
import type { ErrorType } from '../../../shared/models/task.js';

export const DEFAULT_RETRY: Partial<Record<ErrorType, { maxAttempts: number; backoffSeconds: number }>> = {
  rate_limit: { maxAttempts: 3, backoffSeconds: 30 },
  overloaded: { maxAttempts: 3, backoffSeconds: 15 },
};

const MAX_BACKOFF_MS = 15 * 60 * 1000;

/** Error types that are never retried whatever the config says: they end the task by design. */
const FINAL: ErrorType[] = ['timeout', 'cancelled', 'interrupted', 'agent_unavailable'];

/** The delay before the next attempt, or null when the task should fail now. `retries` = retries so far. */
export function retryDelayMs(config: Pick<Config, 'retry'>, type: ErrorType, retries: number): number | null {
  if (FINAL.includes(type)) return null;
  const rule = config.retry?.[type] ?? DEFAULT_RETRY[type];
  if (!rule || retries >= rule.maxAttempts) return null;
  return Math.min(MAX_BACKOFF_MS, rule.backoffSeconds * 1000 * 2 ** retries);
}
