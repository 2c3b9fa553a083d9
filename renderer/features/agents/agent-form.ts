/**
 * An agent's editable parts (command, arguments, environment, enabled) as plain data: a draft from
 * what the core reports, and the `agents.<name>` patch that makes config.json say it. Secret env
 * values are write-only: the draft knows only whether one is set.
 */
import type { AgentInfo } from '../../../shared/models/agent.js';
import { isSecretEnvKey, type AgentPatch, type RedactedAgent } from '../../../shared/models/settings.js';

export interface EnvRow {
  /** Stable id for React keys and focus. */
  id: number;
  key: string;
  /** The value typed here; for an existing secret, only a replacement. */
  value: string;
  /** Already in config.json (its key is fixed; remove the row and add another to rename it). */
  existing: boolean;
  /** An existing write-only value (its key looks secret): the page never has it. */
  secret: boolean;
  /** For an existing secret: whether a value is set. */
  secretSet: boolean;
  /** For an existing secret: keep it, or replace it with `value`. */
  replace: boolean;
}

export interface AgentDraft {
  command: string;
  /** One argument per line. */
  args: string;
  env: EnvRow[];
  enabled: boolean;
}

let nextRowId = 1;
export const newEnvRow = (): EnvRow => ({ id: nextRowId++, key: '', value: '', existing: false, secret: false, secretSet: false, replace: false });

export function agentDraft(info: Pick<AgentInfo, 'command' | 'args' | 'disabled'>, override: RedactedAgent | undefined): AgentDraft {
  const env = Object.entries(override?.env ?? {}).map(([key, v]): EnvRow => ({
    id: nextRowId++,
    key,
    value: typeof v === 'string' ? v : '',
    existing: true,
    secret: typeof v !== 'string',
    secretSet: typeof v !== 'string' && v.set,
    replace: false,
  }));
  return { command: info.command, args: info.args.join('\n'), env, enabled: !info.disabled };
}

/** Whether a row's value is write-only: a secret-looking key (existing or new). */
export const isSecretRow = (row: EnvRow): boolean => row.secret || isSecretEnvKey(row.key);

export const argsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((a) => a.trim())
    .filter((a) => a.length > 0);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The patch for `agents.<name>`: only what differs from what the core reports. */
export function agentPatch(info: Pick<AgentInfo, 'command' | 'args' | 'disabled'>, override: RedactedAgent | undefined, draft: AgentDraft): { patch: AgentPatch; errors: Record<string, string> } {
  const patch: AgentPatch = {};
  const errors: Record<string, string> = {};
  const command = draft.command.trim();
  if (!command) errors.command = 'Say which program runs this agent.';
  else if (command !== info.command) patch.command = command;
  const args = argsOf(draft.args);
  if (!same(args, info.args)) patch.args = args;
  if (draft.enabled === info.disabled) patch.disabled = draft.enabled ? null : true;

  const env: Record<string, string | null> = {};
  const before = override?.env ?? {};
  const kept = new Set<string>();
  for (const row of draft.env) {
    const key = row.key.trim();
    if (row.existing) {
      kept.add(key);
      if (row.secret) {
        if (row.replace) {
          if (row.value) env[key] = row.value;
          else errors[`env.${key}`] = 'Type the new value, or keep the current one.';
        }
      } else if (row.value !== before[key]) env[key] = row.value;
      continue;
    }
    if (!key && !row.value) continue;
    if (!key) errors[`env.#${row.id}`] = 'Name the variable.';
    else if (kept.has(key) || key in env) errors[`env.${key}`] = `${key} is listed twice.`;
    else env[key] = row.value;
  }
  for (const key of Object.keys(before)) if (!kept.has(key)) env[key] = null;
  if (Object.keys(env).length) patch.env = env;
  return { patch, errors };
}

/** The core's error paths for this agent ("patch.agents.x.command", "agents.x.env.KEY") as draft fields. */
export function agentFieldErrors(name: string, details: readonly { path: string; message: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = new RegExp(`^(?:patch\\.)?agents\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.|$)`);
  for (const d of details ?? []) {
    if (!prefix.test(d.path)) continue;
    const field = d.path.replace(prefix, '') || 'agent';
    out[field] ??= d.message;
  }
  return out;
}
