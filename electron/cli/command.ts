/**
 * One CLI command per file under commands/, listed in commands/index.ts.
 * Exit codes: 0 ok, 1 failure, 2 usage (EXIT below).
 */
import type { Api } from '../../shared/contract.js';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface CliIO {
  /** Writes text and a newline to stdout. */
  out(text: string): void;
  /** Writes text and a newline to stderr. */
  err(text: string): void;
  /** Whether stdout is a terminal (colours, progress). */
  isTTY: boolean;
}

export interface CommandContext {
  /** Arguments after the command name. */
  argv: string[];
  io: CliIO;
  env: NodeJS.ProcessEnv;
  /** The resolved home: --home, else SWITCHBOARD_HOME, else ~/.switchboard. */
  home: string;
  /** A client of the running instance (found through <home>/server.json); throws CliError when none runs. */
  connect(): Promise<Api>;
}

export interface Command {
  name: string;
  /** One line for `switchboard --help`. */
  summary: string;
  /** Full usage text for `switchboard <name> --help`. */
  usage: string;
  run(ctx: CommandContext): Promise<number>;
}

/** A failure to report as one clear line and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
