import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { fields, table } from '../format.js';
import { openTaskReader } from '../task-reader.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one task and its runs',
  usage: `Usage: switchboard show ID [--json] [--home DIR]

Shows a task (state, project, agent, branch, error, prompt) and each of its runs.
With --json, prints { "task": ..., "runs": [...] }.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('show', ctx.argv, {}, [1, 1]);
    const reader = openTaskReader(ctx.home);
    try {
      const result = await reader['tasks.get']({ id: positionals[0] });
      ctx.io.out(values.json ? JSON.stringify(result, null, 2) : renderTask(result.task, result.runs, result.waiting ?? null));
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};

export function renderTask(task: Task, runs: Run[], waiting: string | null = null): string {
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
    ['error', task.error ? `${task.errorType ?? 'error'}: ${task.error}` : null],
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
  return `${head}\n\nPrompt:\n${prompt}\n\n${runLines}`;
}
