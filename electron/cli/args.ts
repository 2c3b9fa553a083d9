/**
 * Argument parsing shared by the commands: node:util parseArgs in strict mode, with every problem
 * turned into a usage error (exit 2) that names the flag and points at --help.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export const usageError = (command: string, message: string): CliError =>
  new CliError(`${message} (see \`switchboard ${command} --help\`)`, EXIT.usage);

/**
 * Parses a command's arguments. `--json` is always accepted (it may also be given before the command).
 * `positionals` is how many are allowed: [min, max].
 */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, positionals: [number, number] = [0, 0]) {
  const config = { args: argv, options: { ...options, json: { type: 'boolean' as const } }, allowPositionals: true as const, strict: true as const };
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    throw usageError(command, (err as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, ''));
  }
  const [min, max] = positionals;
  if (parsed.positionals.length < min) throw usageError(command, 'missing argument');
  if (parsed.positionals.length > max) throw usageError(command, `unexpected argument "${parsed.positionals[max]}"`);
  return parsed;
}

/** An integer flag within bounds, or a usage error naming it. */
export function intFlag(command: string, name: string, raw: string | undefined, bounds: { min: number; max: number }): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    throw usageError(command, `--${name} must be a whole number from ${bounds.min} to ${bounds.max}, not "${raw}"`);
  }
  return n;
}
