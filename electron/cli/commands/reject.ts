import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const rejectCommand: Command = {
  name: 'reject',
  summary: "Reject a task's change (the project is left as it is)",
  usage: `Usage: switchboard reject ID [--reason TEXT] [--json] [--home DIR]

Rejects the change awaiting review. Nothing is applied to the project; the task's branch is kept
for config.keepRejectedBranchDays. (A task that ran in place has its edits put back as they were.)`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('reject', ctx.argv, { reason: { type: 'string' } }, [1, 1]);
    const api = await ctx.connect();
    const result = await api['changes.reject']({ taskId: positionals[0], reason: values.reason });
    ctx.io.out(values.json ? JSON.stringify(result, null, 2) : `${result.task.id} is ${result.task.state}${result.task.branch ? ` (branch ${result.task.branch} kept)` : ''}`);
    return EXIT.ok;
  },
};
