import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { stopDaemon } from '../daemon-control.js';

export const stopCommand: Command = {
  name: 'stop',
  summary: 'Stop the daemon gracefully; running tasks are interrupted and resume at the next start',
  usage: `Usage: switchboard stop [--json] [--home DIR]

Stops the Switchboard daemon serving this home and waits until it has exited. Running tasks become
interrupted and their agents end (none is left behind); at the next start they are requeued or left
for you, per onInterrupted in config.json. Does nothing when no daemon runs.`,
  async run(ctx) {
    const { values } = parseCommandArgs('stop', ctx.argv, {});
    const pid = await stopDaemon(ctx.home);
    if (values.json) ctx.io.out(JSON.stringify({ stopped: pid != null, pid }));
    else ctx.io.out(pid == null ? `Switchboard was not running for ${ctx.home}` : `Switchboard (pid ${pid}) stopped`);
    return EXIT.ok;
  },
};
