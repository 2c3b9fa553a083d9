import { parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const followupCommand: Command = {
  name: 'followup',
  summary: 'Send a task back to its agent with a message (same worktree, same session)',
  usage: `Usage: switchboard followup ID MESSAGE [--json] [--home DIR]

Puts a task that awaits review back in the queue. Its agent runs again in the same worktree,
resuming its session where it can, prompted with MESSAGE and the review's line comments. The
next change it captures includes the first. Quote MESSAGE, or pass it as several words.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('followup', ctx.argv, {}, [1, 10_000]);
    const [taskId, ...words] = positionals;
    const message = words.join(' ').trim();
    if (!message) throw usageError('followup', 'missing MESSAGE');
    const api = await ctx.connect();
    const task = await api['tasks.followUp']({ taskId, message });
    ctx.io.out(values.json ? JSON.stringify(task, null, 2) : `${task.id} is ${task.state}: its agent will pick up the follow-up`);
    return EXIT.ok;
  },
};
