import { z } from 'zod';

/** Tokens and cost of one run, as its agent reported them (Claude's result, ACP usage, codex's turns). */
export const RunUsage = z.object({
  runId: z.number().int(),
  taskId: z.string(),
  agent: z.string(),
  model: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  /** In `costCurrency` (USD for Claude; ACP agents name theirs). Null when the agent reports none. */
  cost: z.number().nullable(),
  costCurrency: z.string().nullable(),
  /** ACP usage_update: tokens in the context window, and its size. */
  contextUsed: z.number().int().nullable(),
  contextSize: z.number().int().nullable(),
});
export type RunUsage = z.infer<typeof RunUsage>;

export const UsageTotals = z.object({
  runs: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  /** Sum of the costs reported in USD. */
  costUsd: z.number(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;

export const UsageSummary = z.object({
  total: UsageTotals,
  byAgent: z.array(UsageTotals.extend({ agent: z.string() })),
  byProject: z.array(UsageTotals.extend({ projectId: z.number().int(), projectDir: z.string() })),
});
export type UsageSummary = z.infer<typeof UsageSummary>;
