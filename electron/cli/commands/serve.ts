import { DEFAULT_PORT, startHeadless } from '../../host/serve.js';
import { intFlag, parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run Switchboard headless and serve the app to a browser on this machine',
  usage: `Usage: switchboard serve [--port N] [--host ADDR] [--local-only] [--home DIR]

Runs the control centre without a window and serves the app and its API on http://127.0.0.1.
Prints the URL to open (the access token is in its #fragment) and records it in <home>/server.json
for the other commands. Stops cleanly on Ctrl+C or SIGTERM.

Options:
  --port N      port to listen on (default ${DEFAULT_PORT}, or any free port if that one is taken; 0: any free port)
  --host ADDR   address to listen on (default 127.0.0.1; refused when localOnly is set in config.json)
  --local-only  nothing leaves this machine: listen on loopback only and send no dispatch callbacks`,
  async run(ctx) {
    const { values } = parseCommandArgs('serve', ctx.argv, { port: { type: 'string' }, host: { type: 'string' }, 'local-only': { type: 'boolean' } });
    const port = intFlag('serve', 'port', values.port, { min: 0, max: 65_535 });
    const server = await startHeadless({ home: ctx.home, port, bindHost: values.host, localOnly: values['local-only'] || undefined, log: (line) => ctx.io.out(line) });
    await server.stopped;
    return EXIT.ok;
  },
};
