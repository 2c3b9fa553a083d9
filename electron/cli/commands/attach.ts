import { homePaths } from '../../core/home.js';
import { findLiveServer } from '../../host/server-info.js';
import { parseCommandArgs } from '../args.js';
import { attachSession, type AttachIO } from '../attach-session.js';
import { notRunningMessage } from '../client.js';
import { CliError, EXIT, type Command } from '../command.js';
import { connectEvents } from '../event-stream.js';

export const attachCommand: Command = {
  name: 'attach',
  summary: "Connect this terminal to a running task's agent",
  usage: `Usage: switchboard attach ID [--home DIR]

Shows the task's terminal (its recent output, then live) and sends what you type to the agent.
Your terminal's size becomes the agent's. Detach with Ctrl-] ; the agent keeps running.
Ends by itself when the task finishes. Needs the running instance.`,
  async run(ctx) {
    const { positionals } = parseCommandArgs('attach', ctx.argv, {}, [1, 1]);
    const taskId = positionals[0];
    const api = await ctx.connect();
    const server = findLiveServer(homePaths(ctx.home).serverInfo);
    if (!server) throw new CliError(notRunningMessage(ctx.home));
    const events = connectEvents(server);
    const { stdin, stdout } = process;
    const raw = stdin.isTTY === true;
    const io: AttachIO = {
      write: (data) => void stdout.write(data),
      onInput(listener) {
        const onData = (d: Buffer) => listener(d.toString('utf8'));
        if (raw) stdin.setRawMode(true);
        stdin.on('data', onData);
        stdin.resume();
        return () => {
          stdin.off('data', onData);
          if (raw) stdin.setRawMode(false);
          stdin.pause();
        };
      },
      size: () => (stdout.isTTY ? { cols: stdout.columns, rows: stdout.rows } : null),
      onResize(listener) {
        stdout.on('resize', listener);
        return () => void stdout.off('resize', listener);
      },
    };
    if (raw) ctx.io.err(`attached to ${taskId}; detach with Ctrl-]`);
    try {
      const result = await attachSession({ api, events, taskId, io, onLost: (l) => events.onClose(l) });
      const message = {
        ended: `${taskId} is ${result.state}`,
        detached: `detached from ${taskId} (${result.state}); the agent keeps running`,
        lost: `lost the connection to Switchboard while attached to ${taskId}`,
      }[result.reason];
      ctx.io.err(`\n${message}`);
      return result.reason === 'lost' ? EXIT.failure : EXIT.ok;
    } finally {
      events.close();
    }
  },
};
