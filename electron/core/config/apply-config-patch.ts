/**
 * Merges a settings patch over the raw config.json object. Pure: returns the next object and the
 * names of the keys that changed (names only, never values: they go in the audit trail).
 */
import type { AgentPatch, ConfigPatch } from '../../../shared/models/settings.js';

type Json = Record<string, unknown>;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets (or with null/undefined-as-null removes) `key` in `target`, recording `name` if it changed. */
function put(target: Json, key: string, value: unknown, name: string, changed: string[]): void {
  if (value === null) {
    if (key in target) {
      delete target[key];
      changed.push(name);
    }
    return;
  }
  if (!same(target[key], value)) {
    target[key] = value;
    changed.push(name);
  }
}

function applyAgent(current: Json | undefined, patch: AgentPatch, prefix: string, changed: string[]): Json {
  const next: Json = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (field !== 'env') {
      put(next, field, value, `${prefix}.${field}`, changed);
      continue;
    }
    const env: Json = isObject(next.env) ? { ...next.env } : {};
    for (const [key, v] of Object.entries(value as Record<string, string | null>)) put(env, key, v, `${prefix}.env.${key}`, changed);
    if (Object.keys(env).length) next.env = env;
    else delete next.env;
  }
  return next;
}

export function applyConfigPatch(raw: Json, patch: ConfigPatch): { next: Json; changed: string[] } {
  const next: Json = { ...raw };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || key === 'agents') continue;
    put(next, key, value, key, changed);
  }
  if (patch.agents) {
    const agents: Json = isObject(next.agents) ? { ...next.agents } : {};
    for (const [name, agentPatch] of Object.entries(patch.agents)) {
      if (agentPatch === null) {
        put(agents, name, null, `agents.${name}`, changed);
        continue;
      }
      const current = isObject(agents[name]) ? (agents[name] as Json) : undefined;
      const entry = applyAgent(current, agentPatch, `agents.${name}`, changed);
      if (Object.keys(entry).length) agents[name] = entry;
      else if (name in agents) delete agents[name];
    }
    if (Object.keys(agents).length) next.agents = agents;
    else delete next.agents;
  }
  return { next, changed };
}
