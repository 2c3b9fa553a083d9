import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import type { RunUsage } from '../../../shared/models/usage.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { fields, table } from '../format.js';
import { openTaskReader } from '../task-reader.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one task and its runs',
  usage: `Usage: switchboard show ID [--json] [--home DIR]

Shows a task (state, project, agent, branch, error, prompt) and each of its runs.
With --json, prints { "task": ..., "runs": [...], "usage": [...] } (usage: tokens, cost and model per run).`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('show', ctx.argv, {}, [1, 1]);
    const reader = openTaskReader(ctx.home);
    try {
      const result = await reader['tasks.get']({ id: positionals[0] });
      ctx.io.out(values.json ? JSON.stringify(result, null, 2) : renderTask(result.task, result.runs, result.waiting ?? null, result.usage));
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};

export function renderTask(task: Task, runs: Run[], waiting: string | null = null, usage: RunUsage[] = []): string {
  const head = fields([
    ['id', task.id],
    ['state', task.state],
    ['waiting', waiting],
    ['project', task.projectDir],
    ['agent', task.agent],
    ['source', task.dispatchedBy ? `${task.source} (${task.dispatchedBy})` : task.source],
    ['created', task.createdAt],
    ['started', task.startedAt],
    ['ended', task.endedAt],
    ['branch', task.branch],
    ['pull request', task.pr ? `#${task.pr.number} ${task.pr.state}${task.pr.checks ? `, checks ${task.pr.checks}` : ''}: ${task.pr.url}` : null],
    ['worktree', task.worktreePath],
    ['base', task.baseCommit ? `${task.baseBranch ?? ''} ${task.baseCommit}`.trim() : task.baseBranch],
    ['retries', task.retryCount || null],
    ['error', task.error ? `${task.errorType ?? (task.state === 'no_changes' ? 'note' : 'error')}: ${task.error}` : null],
  ]);
  const prompt = task.prompt
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  const runLines = runs.length
    ? table(
        ['RUN', 'AGENT', 'VIA', 'STATE', 'STARTED', 'EXIT', 'ERROR'],
        runs.map((r) => [
          `#${r.attempt}`,
          r.agent,
          r.transport,
          r.state,
          r.startedAt,
          r.signal ?? (r.exitCode == null ? '' : String(r.exitCode)),
          r.error ? `${r.errorType ?? ''} ${r.error}`.trim() : '',
        ]),
      )
    : 'No runs yet.';
  const spent = usage.map((u) => {
    const attempt = runs.find((r) => r.id === u.runId)?.attempt ?? u.runId;
    const cost = u.cost != null ? `, ${u.cost.toFixed(4)} ${u.costCurrency ?? ''}`.trimEnd() : '';
    return `Run #${attempt} usage: ${u.inputTokens} in, ${u.outputTokens} out, ${u.cacheReadTokens} cache read${cost}${u.model ? ` (${u.model})` : ''}`;
  });
  const notes = runs.filter((r) => r.flags.length).map((r) => `Run #${r.attempt} notes: ${r.flags.join('; ')}`);
  const extra = [...notes, ...spent];
  return `${head}\n\nPrompt:\n${prompt}\n\n${runLines}${extra.length ? `\n\n${extra.join('\n')}` : ''}`;
}
