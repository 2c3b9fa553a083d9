/**
 * Checks a whole config.json object before it is written: the Config schema, paths that must be
 * absolute, and every agent the patch touched must still be a complete definition. Each problem is
 * named by its config path ("maxConcurrent", "agents.mine.command", "trustedRoots.1").
 */
import { isAbsolute } from 'node:path';
import { AgentDefinition, Config, type AgentOverride } from '../../../shared/models/config.js';
import { BUILTIN_AGENTS } from '../runners/builtin-agents.js';
import { mergeAgent } from '../runners/agent-registry.js';

export interface FieldProblem {
  path: string;
  message: string;
}

const ABSOLUTE = 'must be an absolute path (or start with ~/)';
const absoluteOrHome = (p: string): boolean => isAbsolute(p) || p === '~' || p.startsWith('~/');

/** `changed` are the patch's changed key names ("agents.mine.command"): only the agents they touch are checked. */
export function validateSettings(next: Record<string, unknown>, changed: string[]): { ok: true; config: Config } | { ok: false; problems: FieldProblem[] } {
  const parsed = Config.safeParse(next);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })) };
  }
  const config = parsed.data;
  const problems: FieldProblem[] = [];
  for (const key of ['trustedRoots', 'dispatchDirs'] as const) {
    (config[key] ?? []).forEach((p, i) => {
      if (!absoluteOrHome(p)) problems.push({ path: `${key}.${i}`, message: `${JSON.stringify(p)} ${ABSOLUTE}` });
    });
  }
  if (config.worktreeRoot != null && !absoluteOrHome(config.worktreeRoot)) problems.push({ path: 'worktreeRoot', message: ABSOLUTE });
  const touchedAgents = new Set(changed.filter((k) => k.startsWith('agents.')).map((k) => k.split('.')[1]));
  for (const name of touchedAgents) {
    const entry: AgentOverride | undefined = config.agents[name];
    if (!entry) continue;
    const merged = AgentDefinition.safeParse(mergeAgent(BUILTIN_AGENTS[name], entry));
    if (!merged.success) {
      for (const i of merged.error.issues) {
        const field = i.path.map(String).join('.');
        const message = i.path[0] === 'command' && i.code === 'invalid_type' ? `agent ${name} needs a command to run` : i.message;
        problems.push({ path: `agents.${name}${field ? `.${field}` : ''}`, message });
      }
    }
  }
  const known = new Set([...Object.keys(BUILTIN_AGENTS), ...Object.keys(config.agents)]);
  const defaultTouched = changed.includes('defaultAgent') || touchedAgents.has(config.defaultAgent);
  if (defaultTouched && !known.has(config.defaultAgent)) problems.push({ path: 'defaultAgent', message: `no agent is named "${config.defaultAgent}" (known: ${[...known].join(', ')})` });
  return problems.length ? { ok: false, problems } : { ok: true, config };
}
