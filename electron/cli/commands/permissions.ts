import { TaskId } from '../../../shared/models/task.js';
import { parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { age, excerpt, table } from '../format.js';

export const permissionsCommand: Command = {
  name: 'permissions',
  summary: 'List the permission requests ACP agents are waiting on',
  usage: `Usage: switchboard permissions [--task ID] [--all] [--json] [--home DIR]

Lists pending permission requests: what the agent wants to do (tool kind and title) and the
options it offers. Answer one with \`switchboard allow ID [OPTION]\`.
  --task ID   only this task's requests
  --all       decided ones too (answered, cancelled, expired), with who decided
Needs the running instance.`,
  async run(ctx) {
    const { values } = parseCommandArgs('permissions', ctx.argv, { task: { type: 'string' }, all: { type: 'boolean' } });
    if (values.task !== undefined && !TaskId.safeParse(values.task).success) throw usageError('permissions', `"${values.task}" is not a task id (a task id looks like dispatch-...)`);
    const api = await ctx.connect();
    const list = await api['permissions.list']({ taskId: values.task, all: values.all ?? false });
    if (values.json) {
      ctx.io.out(JSON.stringify(list, null, 2));
      return EXIT.ok;
    }
    if (!list.length) {
      ctx.io.out(values.all ? 'No permission requests.' : 'No agent is waiting for permission.');
      return EXIT.ok;
    }
    const header = ['ID', 'TASK', 'KIND', 'TITLE', 'AGE', ...(values.all ? ['STATE'] : ['OPTIONS'])];
    const rows = list.map((p) => [
      String(p.id),
      p.taskId,
      p.toolKind ?? '-',
      excerpt(p.title, 48),
      age(p.createdAt),
      values.all ? `${p.state}${p.decidedBy ? ` (${p.decidedBy}${p.optionId ? `: ${p.optionId}` : ''})` : ''}` : p.options.map((o) => o.kind).join(', '),
    ]);
    ctx.io.out(table(header, rows));
    return EXIT.ok;
  },
};
