import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'Cancel a task (stops its agent if it is running)',
  usage: `Usage: switchboard cancel ID [--json] [--home DIR]

Cancels a task that has not ended. A running agent is stopped. Needs the running instance.
With --json, prints the task as it is afterwards.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('cancel', ctx.argv, {}, [1, 1]);
    const api = await ctx.connect();
    const task = await api['tasks.cancel']({ id: positionals[0] });
    ctx.io.out(values.json ? JSON.stringify(task, null, 2) : `${task.id} is ${task.state}`);
    return EXIT.ok;
  },
};
