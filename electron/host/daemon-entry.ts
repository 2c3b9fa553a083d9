/**
 * The daemon in the background: `<this file> <home> [serve flags]`. `switchboard serve --detach` spawns it,
 * and so does the Electron shell (the same `startDetached`, with the app's binary run as Node). It is `switchboard serve` for that home with its
 * output appended to `<home>/logs/daemon.log`, and it loads only the daemon, not every CLI command (an
 * idle daemon stays small). It stops on SIGTERM (`switchboard stop`, or the shell's "Quit and stop agents").
 */
import { writeSync } from 'node:fs';
import { parseServeArgs } from '../cli/commands/serve.js';
import { openDaemonLog } from '../cli/daemon-control.js';
import { startHeadless } from './serve.js';

const [home, ...serveArgs] = process.argv.slice(2);
if (!home) {
  process.stderr.write('switchboard daemon: the home folder is the first argument\n');
  process.exit(2);
}
const fd = openDaemonLog(home);
const write = (text: string): void => {
  try {
    writeSync(fd, text);
  } catch {}
};
// Everything the core reports on stdout/stderr goes to the log: the shell gives this process no console.
process.stdout.write = ((chunk: string | Uint8Array) => (write(String(chunk)), true)) as typeof process.stdout.write;
process.stderr.write = ((chunk: string | Uint8Array) => (write(String(chunk)), true)) as typeof process.stderr.write;
try {
  const { headless } = parseServeArgs(serveArgs);
  const server = await startHeadless({ home, ...headless, log: (line) => write(`${line}\n`) });
  await server.stopped;
  process.exit(0);
} catch (err) {
  write(`switchboard daemon: could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
