/** run_usage: tokens, cost and model per run, and their sums per agent and per project. */
import type { RunUsage, UsageSummary, UsageTotals } from '../../../shared/models/usage.js';
import type { UsageFacts } from '../runners/run-facts.js';
import type { Db } from './db.js';

interface UsageRow {
  run_id: number;
  task_id: string;
  agent: string;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost: number | null;
  cost_currency: string | null;
  context_used: number | null;
  context_size: number | null;
}

const toUsage = (r: UsageRow): RunUsage => ({
  runId: r.run_id,
  taskId: r.task_id,
  agent: r.agent,
  model: r.model,
  inputTokens: r.input_tokens,
  outputTokens: r.output_tokens,
  cacheReadTokens: r.cache_read_tokens,
  cacheWriteTokens: r.cache_write_tokens,
  cost: r.cost,
  costCurrency: r.cost_currency,
  contextUsed: r.context_used,
  contextSize: r.context_size,
});

interface TotalsRow {
  runs: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  cost_usd: number | null;
}
export const toTotals = (r: TotalsRow): UsageTotals => ({
  runs: r.runs,
  inputTokens: r.input_tokens ?? 0,
  outputTokens: r.output_tokens ?? 0,
  cacheReadTokens: r.cache_read_tokens ?? 0,
  cacheWriteTokens: r.cache_write_tokens ?? 0,
  costUsd: Math.round((r.cost_usd ?? 0) * 1e6) / 1e6,
});
const SUMS = `COUNT(*) AS runs, SUM(u.input_tokens) AS input_tokens, SUM(u.output_tokens) AS output_tokens,
  SUM(u.cache_read_tokens) AS cache_read_tokens, SUM(u.cache_write_tokens) AS cache_write_tokens,
  SUM(CASE WHEN u.cost_currency = 'USD' THEN u.cost ELSE 0 END) AS cost_usd`;

/**
 * A task's totals as one JSON column of the task's own row (`t` is the tasks table), null when no run
 * reported usage: tasks-repo selects it, so every Task (list, events) carries what it cost.
 */
export const TASK_USAGE_JSON = `(SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE json_object('runs', COUNT(*),
  'input_tokens', SUM(u.input_tokens), 'output_tokens', SUM(u.output_tokens), 'cache_read_tokens', SUM(u.cache_read_tokens),
  'cache_write_tokens', SUM(u.cache_write_tokens), 'cost_usd', SUM(CASE WHEN u.cost_currency = 'USD' THEN u.cost ELSE 0 END)) END
  FROM run_usage u WHERE u.task_id = t.id)`;

export function createUsageRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO run_usage (run_id, task_id, agent, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost, cost_currency, context_used, context_size, recorded_at)
     VALUES (@runId, @taskId, @agent, @model, @inputTokens, @outputTokens, @cacheReadTokens, @cacheWriteTokens, @cost, @costCurrency, @contextUsed, @contextSize, @now)
     ON CONFLICT(run_id) DO UPDATE SET model = excluded.model, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
       cache_read_tokens = excluded.cache_read_tokens, cache_write_tokens = excluded.cache_write_tokens, cost = excluded.cost,
       cost_currency = excluded.cost_currency, context_used = excluded.context_used, context_size = excluded.context_size, recorded_at = excluded.recorded_at`,
  );
  const forTask = db.prepare<[string], UsageRow>('SELECT * FROM run_usage WHERE task_id = ? ORDER BY run_id');
  const total = db.prepare<[], TotalsRow>(`SELECT ${SUMS} FROM run_usage u`);
  const byAgent = db.prepare<[], TotalsRow & { agent: string }>(`SELECT u.agent, ${SUMS} FROM run_usage u GROUP BY u.agent ORDER BY cost_usd DESC, u.agent`);
  const byProject = db.prepare<[], TotalsRow & { project_id: number; dir: string }>(
    `SELECT p.id AS project_id, p.dir, ${SUMS} FROM run_usage u JOIN tasks t ON t.id = u.task_id JOIN projects p ON p.id = t.project_id
     GROUP BY p.id ORDER BY cost_usd DESC, p.dir`,
  );
  return {
    record(run: { runId: number; taskId: string; agent: string }, facts: UsageFacts, now: number): void {
      upsert.run({ ...run, ...facts, now });
    },
    forTask: (taskId: string): RunUsage[] => forTask.all(taskId).map(toUsage),
    summary(): UsageSummary {
      return {
        total: toTotals(total.get()!),
        byAgent: byAgent.all().map((r) => ({ agent: r.agent, ...toTotals(r) })),
        byProject: byProject.all().map((r) => ({ projectId: r.project_id, projectDir: r.dir, ...toTotals(r) })),
      };
    },
  };
}
export type UsageRepo = ReturnType<typeof createUsageRepo>;
