#!/usr/bin/env node
/**
 * `switchboard`: global flags, command dispatch, exit codes (0 ok, 1 failure, 2 usage).
 * Commands live in commands/ and are listed in commands/index.ts.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../core/errors.js';
import { resolveHome } from '../core/home.js';
import { StoreError } from '../core/store/index.js';
import { appVersion } from '../core/version.js';
import { connectToHome } from './client.js';
import { CliError, EXIT, type CliIO, type Command } from './command.js';
import { commands as registry } from './commands/index.js';
import { runtimeProblem } from './doctor-checks.js';

interface GlobalArgs {
  home?: string;
  json: boolean;
  help: boolean;
  version: boolean;
  command?: string;
  rest: string[];
}

/** Splits global flags from the command and its own arguments. `--home` and `--json` may come anywhere before `--`. */
export function parseGlobal(argv: string[]): GlobalArgs {
  const g: GlobalArgs = { json: false, help: false, version: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      g.rest.push(...argv.slice(i));
      break;
    }
    if (a === '--home' || a.startsWith('--home=')) {
      const value = a === '--home' ? argv[++i] : a.slice('--home='.length);
      if (!value || (a === '--home' && value.startsWith('-'))) throw new CliError('--home needs a directory (switchboard --help)', EXIT.usage);
      g.home = value;
    } else if (a === '--json') {
      g.json = true;
      if (g.command) g.rest.push(a);
    } else if (g.command) {
      g.rest.push(a);
    } else if (a === '--help' || a === '-h') {
      g.help = true;
    } else if (a === '--version' || a === '-V') {
      g.version = true;
    } else if (a.startsWith('-')) {
      throw new CliError(`unknown option ${a} (switchboard --help lists the options)`, EXIT.usage);
    } else {
      g.command = a;
    }
  }
  // `switchboard --json tasks`: the command sees --json as if given after it.
  if (g.json && g.command && !g.rest.includes('--json')) g.rest.unshift('--json');
  return g;
}

export function globalUsage(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: switchboard [--home DIR] [--json] <command> [options]

Switchboard runs AI coding agents on your projects, each task in its own worktree, for you to review.

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Global options:
  --home DIR    Switchboard's home (default: $SWITCHBOARD_HOME, else ~/.switchboard)
  --json        machine-readable output
  -h, --help    this help; \`switchboard <command> --help\` for one command
  -V, --version the version

Exit codes: 0 ok, 1 failure, 2 usage error.`;
}

const wantsHelp = (rest: string[]): boolean => {
  const end = rest.indexOf('--');
  return (end < 0 ? rest : rest.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/** Runs the CLI; returns the exit code. `io` and `env` are injectable for tests. */
export async function main(argv: string[], io: CliIO, env: NodeJS.ProcessEnv = process.env, commands: Command[] = registry): Promise<number> {
  try {
    const g = parseGlobal(argv);
    if (g.version) {
      io.out(appVersion());
      return EXIT.ok;
    }
    if (g.command === 'help') {
      const topic = commands.find((c) => c.name === g.rest.find((a) => !a.startsWith('-')));
      io.out(topic ? topic.usage : globalUsage(commands));
      return EXIT.ok;
    }
    if (!g.command) {
      if (g.help) {
        io.out(globalUsage(commands));
        return EXIT.ok;
      }
      io.err(globalUsage(commands));
      return EXIT.usage;
    }
    const command = commands.find((c) => c.name === g.command);
    if (!command) throw new CliError(`unknown command "${g.command}"; the commands are: ${commands.map((c) => c.name).join(', ')}`, EXIT.usage);
    if (g.help || wantsHelp(g.rest)) {
      io.out(command.usage);
      return EXIT.ok;
    }
    // better-sqlite3 13 crashes on Node 20: say so instead of dying with a segfault. doctor still runs, to report it.
    const runtime = command.name === 'doctor' ? null : runtimeProblem();
    if (runtime) throw new CliError(runtime);
    const home = resolveHome(g.home, env);
    return await command.run({ argv: g.rest, io, env, home, connect: () => connectToHome(home) });
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: CliIO): number {
  if (err instanceof CliError) {
    io.err(`switchboard: ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof AppError) {
    io.err(`switchboard: ${err.message}`);
    return err.code === 'invalid_input' ? EXIT.usage : EXIT.failure;
  }
  if (err instanceof StoreError) {
    io.err(`switchboard: ${err.message}`);
    return EXIT.failure;
  }
  io.err(`switchboard: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return EXIT.failure;
}

const processIO: CliIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
};

/** True when this file is the program being run (directly, through a bin symlink, or via npx). */
function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2), processIO);
  // Everything should be closed by now; if a handle lingers, do not hang the shell.
  setTimeout(() => process.exit(), 2000).unref();
}
