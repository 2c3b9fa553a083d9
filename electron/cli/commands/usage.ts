import type { UsageSummary, UsageTotals } from '../../../shared/models/usage.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { table } from '../format.js';
import { openTaskReader } from '../task-reader.js';

export const usageCommand: Command = {
  name: 'usage',
  summary: 'Tokens and cost the agents reported, per agent and per project',
  usage: `Usage: switchboard usage [--json] [--home DIR]

Sums what each run's agent reported (Claude's result, ACP usage updates, codex's turns): tokens in,
out, read from and written to the cache, and cost in USD, in total, per agent and per project.
Runs whose agent reports nothing are not counted. With --json, prints { total, byAgent, byProject }.`,
  async run(ctx) {
    const { values } = parseCommandArgs('usage', ctx.argv, {});
    const reader = openTaskReader(ctx.home);
    try {
      const summary = await reader['usage.summary']({});
      ctx.io.out(values.json ? JSON.stringify(summary, null, 2) : renderUsage(summary));
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};

const cells = (t: UsageTotals): string[] => [String(t.runs), String(t.inputTokens), String(t.outputTokens), String(t.cacheReadTokens), String(t.cacheWriteTokens), `$${t.costUsd.toFixed(4)}`];
const HEAD = ['RUNS', 'INPUT', 'OUTPUT', 'CACHE READ', 'CACHE WRITE', 'COST'];

export function renderUsage(s: UsageSummary): string {
  if (!s.total.runs) return 'No run has reported usage yet.';
  return [
    table(['AGENT', ...HEAD], [...s.byAgent.map((a) => [a.agent, ...cells(a)]), ['total', ...cells(s.total)]]),
    table(['PROJECT', ...HEAD], s.byProject.map((p) => [p.projectDir, ...cells(p)])),
  ].join('\n\n');
}
