import { homePaths } from '../../core/home.js';
import { findLiveServer } from '../../host/server-info.js';
import { parseCommandArgs } from '../args.js';
import { notRunningMessage } from '../client.js';
import { CliError, EXIT, type Command } from '../command.js';
import { connectEvents } from '../event-stream.js';
import { followApp } from '../follow-app.js';

export const runCommand: Command = {
  name: 'run',
  summary: "Run the app (switchboard.json's \"run\") in a task's worktree",
  usage: `Usage: switchboard run ID [--detach | --stop] [--json] [--home DIR]

Starts the project's "run" command from switchboard.json (a dev server, the tests) in the task's
worktree, in a terminal of its own, and shows its output until you press Ctrl+C, which stops it and
everything it started. It also stops when the task is cancelled, approved or rejected, or its worktree
is removed. The app's output is the task's second terminal (the "App" tab in the window).
  --detach   start it and return; it keeps running (stop it with --stop, or in the app)
  --stop     stop the task's running app
Needs the running instance. With --json, prints the app's state.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('run', ctx.argv, { detach: { type: 'boolean' }, stop: { type: 'boolean' } }, [1, 1]);
    const id = positionals[0];
    if (values.detach && values.stop) throw new CliError('--detach and --stop do not go together: pick one', EXIT.usage);
    const api = await ctx.connect();
    if (values.stop || values.detach) {
      const app = values.stop ? await api['tasks.stopApp']({ id }) : await api['tasks.runApp']({ id });
      if (values.json) ctx.io.out(JSON.stringify(app, null, 2));
      else if (values.stop) ctx.io.out(app.run ? `the app of ${id} has stopped (${app.run.signal ? `by ${app.run.signal}` : `exit code ${app.run.exitCode}`})` : `${id} has no app that ran`);
      else ctx.io.out(`the app of ${id} is running (pid ${app.run?.pid}): ${app.command}\nfollow it in the app's App tab; stop it with: switchboard run ${id} --stop`);
      return EXIT.ok;
    }
    const server = findLiveServer(homePaths(ctx.home).serverInfo);
    if (!server) throw new CliError(notRunningMessage(ctx.home));
    const events = connectEvents(server);
    const { stdout } = process;
    try {
      const result = await followApp({
        api, events, taskId: id,
        io: {
          write: (data) => void stdout.write(data),
          onInterrupt(listener) {
            process.once('SIGINT', listener);
            return () => void process.off('SIGINT', listener);
          },
          size: () => (stdout.isTTY ? { cols: stdout.columns, rows: stdout.rows } : null),
        },
        onLost: (l) => events.onClose(l),
      });
      if (values.json) ctx.io.out(JSON.stringify(result.app, null, 2));
      if (result.reason === 'lost') {
        ctx.io.err(`\nlost the connection to Switchboard; the app of ${id} may still run (switchboard run ${id} --stop)`);
        return EXIT.failure;
      }
      const run = result.app.run;
      ctx.io.err(`\nthe app of ${id} ${result.reason === 'stopped' ? 'was stopped' : run?.signal ? `ended by ${run.signal}` : `exited with code ${run?.exitCode}`}`);
      return result.reason === 'exited' && run?.exitCode !== 0 ? EXIT.failure : EXIT.ok;
    } finally {
      events.close();
    }
  },
};
