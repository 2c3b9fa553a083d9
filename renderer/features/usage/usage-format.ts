import type { RunUsage, UsageTotals } from '../../../shared/models/usage.js';

export const formatTokens = (n: number): string => (n >= 10_000 ? `${(n / 1000).toFixed(n >= 100_000 ? 0 : 1)}k` : String(n));
export const formatCost = (amount: number | null, currency: string | null = 'USD'): string =>
  amount == null ? '—' : currency === 'USD' || currency == null ? `$${amount.toFixed(amount < 1 ? 4 : 2)}` : `${amount.toFixed(2)} ${currency}`;

/** One line for a run's usage: "1.2k in · 311 out · 13.9k cached · $0.0421 · claude-sonnet-4-5". */
export function runUsageLine(u: RunUsage): string {
  const parts = [`${formatTokens(u.inputTokens)} in`, `${formatTokens(u.outputTokens)} out`];
  if (u.cacheReadTokens) parts.push(`${formatTokens(u.cacheReadTokens)} cached`);
  if (u.cost != null) parts.push(formatCost(u.cost, u.costCurrency));
  if (u.model) parts.push(u.model);
  return parts.join(' · ');
}

export const totalsCells = (t: UsageTotals): string[] => [
  String(t.runs),
  formatTokens(t.inputTokens),
  formatTokens(t.outputTokens),
  formatTokens(t.cacheReadTokens),
  formatTokens(t.cacheWriteTokens),
  formatCost(t.costUsd),
];
