import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const doneCommand: Command = {
  name: 'done',
  summary: "End an interactive agent's session and send its changes to review",
  usage: `Usage: switchboard done ID [--json] [--home DIR]

For a task running an interactive agent (claude-tui, codex-tui, gemini-tui, opencode-tui, or any
agent with "interactive": true): types the agent's quit command, stops it if it lingers, and
captures its changes for review. Waits until the task is awaiting_review (or no_changes).
Needs the running instance. With --json, prints the task as it is afterwards.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('done', ctx.argv, {}, [1, 1]);
    const api = await ctx.connect();
    const task = await api['tasks.done']({ id: positionals[0] });
    ctx.io.out(values.json ? JSON.stringify(task, null, 2) : `${task.id} is ${task.state}`);
    return EXIT.ok;
  },
};
