import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { table } from '../format.js';

const seconds = (ms: number | null): string => (ms == null ? '-' : `${Math.round(ms / 1000)} s`);

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare the siblings of a best-of-N group (any member id): state, time, size, files',
  usage: `Usage: switchboard compare ID [--file PATH] [--json] [--home DIR]

Lists every sibling of the task's group (dispatched with --agent A --agent B ...): its agent, state,
duration, files changed and lines, how its run ended, and the tokens (in/out) and USD cost its agent reported ("-" when it reported none).
Then every file any sibling touched, with the agents that touched it ("only X" when one did).
--file PATH prints each sibling's diff of that file one after the other. Pick a winner with
\`switchboard approve SIBLING\`: the other siblings are then rejected as superseded. Take files or
hunks from other siblings into the same approval with \`--pick OTHER:PATH\` or \`--pick OTHER:PATH:N\`.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('compare', ctx.argv, { file: { type: 'string' } }, [1, 1]);
    const api = await ctx.connect();
    const group = await api['groups.compare']({ id: positionals[0] });
    if (values.json && !values.file) {
      ctx.io.out(JSON.stringify(group, null, 2));
      return EXIT.ok;
    }
    const agentOf = new Map(group.members.map((m) => [m.task.id, m.task.agent]));
    if (values.file) {
      const path = values.file;
      const diffs: { taskId: string; agent: string; patch: string | null }[] = [];
      for (const m of group.members) {
        const touched = group.files.find((f) => f.path === path)?.taskIds.includes(m.task.id);
        const patch = touched && m.change ? (await api['changes.fileDiff']({ taskId: m.task.id, path, changeId: m.change.id })).patch : null;
        diffs.push({ taskId: m.task.id, agent: m.task.agent, patch });
      }
      if (values.json) ctx.io.out(JSON.stringify({ groupId: group.groupId, path, diffs }, null, 2));
      else ctx.io.out(diffs.map((d) => `=== ${d.agent} (${d.taskId})\n${d.patch?.replace(/\n$/, '') ?? `(does not touch ${path})`}`).join('\n\n'));
      return EXIT.ok;
    }
    const rows = group.members.map((m) => [
      m.task.id,
      m.task.agent,
      m.task.state + (typeof m.task.meta.supersededBy === 'string' ? ` (superseded by ${m.task.meta.supersededBy})` : ''),
      seconds(m.durationMs),
      m.change ? `${m.change.filesCount} +${m.change.additions} -${m.change.deletions}` : '-',
      m.runStatus ?? '-',
      m.usage ? `${m.usage.inputTokens}/${m.usage.outputTokens}` : '-',
      m.usage?.costUsd != null ? `$${m.usage.costUsd.toFixed(4)}` : '-',
    ]);
    const files = group.files.map((f) => [f.path, f.taskIds.length === 1 ? `only ${agentOf.get(f.taskIds[0])}` : f.taskIds.map((id) => agentOf.get(id)).join(', ')]);
    ctx.io.out(`group ${group.groupId}\n${table(['TASK', 'AGENT', 'STATE', 'TIME', 'FILES', 'RUN', 'TOKENS IN/OUT', 'COST'], rows)}\n\n${files.length ? table(['FILE', 'CHANGED BY'], files) : 'no sibling has changed a file yet'}`);
    return EXIT.ok;
  },
};
