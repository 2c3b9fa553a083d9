import { DEFAULT_PORT, startHeadless } from '../../host/serve.js';
import { intFlag, parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { daemonLog, startDetached } from '../daemon-control.js';

/** `serve`'s flags; the detached daemon's entry (electron/host/daemon-entry.ts) reads the same ones. */
export function parseServeArgs(argv: string[]) {
  const options = { port: { type: 'string' }, host: { type: 'string' }, 'local-only': { type: 'boolean' }, detach: { type: 'boolean' } } as const;
  const { values } = parseCommandArgs('serve', argv, options);
  const port = intFlag('serve', 'port', values.port, { min: 0, max: 65_535 });
  return { detach: values.detach, json: values.json, headless: { port, bindHost: values.host, localOnly: values['local-only'] || undefined } };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the Switchboard daemon for this home (in the foreground, or in the background with --detach)',
  usage: `Usage: switchboard serve [--detach] [--port N] [--host ADDR] [--local-only] [--home DIR]

Runs the control centre (the daemon: one per home, where every task and agent runs) and serves the app
and its API on http://127.0.0.1. Prints the URL to open (the access token is in its #fragment) and
records it in <home>/server.json for the other commands. Stops cleanly on Ctrl+C, SIGTERM or
\`switchboard stop\`: running tasks become interrupted and resume at the next start.
A second serve for the same home exits at once with the running one's URL and touches nothing.

Options:
  --detach      start in the background and return once it is serving; output goes to <home>/logs/daemon.log
  --port N      port to listen on (default ${DEFAULT_PORT}, or any free port if that one is taken; 0: any free port)
  --host ADDR   address to listen on (default 127.0.0.1; refused when localOnly is set in config.json)
  --local-only  nothing leaves this machine: listen on loopback only and send no dispatch callbacks`,
  async run(ctx) {
    const values = parseServeArgs(ctx.argv);
    if (values.detach) {
      const serveArgs = ctx.argv.filter((a) => a !== '--detach' && a !== '--json');
      const { info, already } = await startDetached({ home: ctx.home, serveArgs });
      if (values.json) ctx.io.out(JSON.stringify({ url: info.url, pid: info.pid, already, log: daemonLog(ctx.home) }));
      else {
        ctx.io.out(already ? `Switchboard is already running for ${ctx.home} (pid ${info.pid})` : `Switchboard is serving ${ctx.home} in the background (pid ${info.pid})`);
        ctx.io.out(`Open ${info.url}#token=${info.token}`);
        ctx.io.out(`Log: ${daemonLog(ctx.home)}; stop it with \`switchboard stop\``);
      }
      return EXIT.ok;
    }
    const server = await startHeadless({ home: ctx.home, ...values.headless, log: (line) => ctx.io.out(line) });
    await server.stopped;
    return EXIT.ok;
  },
};
