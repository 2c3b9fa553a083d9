/**
 * Whether an installed agent still accepts the flags its definition passes. A definition with
 * `helpArgs` (say `["exec", "--help"]`) has every flag of its `args` and `resumeArgs` looked up in
 * what that command prints; a flag the help does not list is one the CLI would reject at run time
 * (codex 0.169 dropped `--full-auto` and exits 2 on it). `switchboard agents` and `doctor` report it.
 */
import type { AgentDefinition } from '../../../shared/models/config.js';

/** The flags (`--name`, `-x`) in an argv, without `=value`. Placeholders and values are skipped. */
export function flagsOf(args: readonly string[]): string[] {
  return [...new Set(args.filter((a) => /^--?[A-Za-z0-9]/.test(a)).map((a) => a.split('=')[0]))];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The flags of `args` that `helpText` does not list. */
export function missingFlags(helpText: string, args: readonly string[]): string[] {
  return flagsOf(args).filter((f) => !new RegExp(`(^|[\\s,\\[(|])${escape(f)}(?=[\\s,=\\[\\]<)|.]|$)`, 'm').test(helpText));
}

/** A reader-facing problem when the installed agent rejects its definition's flags, else null. */
export function flagProblem(name: string, def: Pick<AgentDefinition, 'command' | 'args' | 'resumeArgs' | 'helpArgs'>, helpText: string): string | null {
  // Output that lists no flags at all is not a help text (a wrapper script, an old CLI without
  // --help): nothing can be concluded from it, so the agent is not called unusable.
  if (!/(^|\s)--?[A-Za-z0-9]/m.test(helpText)) return null;
  const missing = missingFlags(helpText, [...def.args, ...(def.resumeArgs ?? [])]);
  if (!missing.length) return null;
  return `the installed ${name} does not accept ${missing.join(', ')} (\`${[def.command, ...(def.helpArgs ?? [])].join(' ')}\` does not list them); update it, or set agents.${name}.args in config.json to flags it accepts`;
}
