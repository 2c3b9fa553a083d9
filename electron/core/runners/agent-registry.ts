/**
 * The agent registry: built-ins merged with `agents` from config.json field by field (env and acp
 * key by key), resolved by name, and checked for presence (which), version (--version, cached) and
 * whether the installed version still accepts the definition's flags (helpArgs, cached).
 */
import { AgentDefinition, type AgentOverride } from '../../../shared/models/config.js';
import type { AgentInfo } from '../../../shared/models/agent.js';
import { iso, type Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { BUILTIN_AGENTS } from './builtin-agents.js';
import { flagProblem } from './agent-flags.js';
import { createVersionCache } from './agent-version.js';
import { findExecutable } from './find-executable.js';
import type { ResolvedAgent } from './runner.js';

/** What detection on a host found for one agent (remote/remote-agents.ts). */
export interface AgentProbe {
  path: string | null;
  version: string | null;
  /** The help text, when the definition has helpArgs. */
  help: string | null;
  /** Why it is missing. */
  problem: string | null;
}

/** Detects agents on a host instead of here (issue 14). */
export interface RemoteProbe {
  host: string;
  probe(agents: ResolvedAgent[]): Promise<Map<string, AgentProbe>>;
}

export type AgentCheck = { ok: true; agent: ResolvedAgent; path: string } | { ok: false; agent: ResolvedAgent | null; reason: string };

export interface AgentRegistry {
  names(): string[];
  /** The merged definition, or null for a name nobody defines (or an invalid one). */
  resolve(name: string): ResolvedAgent | null;
  /**
   * Whether `name` can run here now: defined, enabled and on PATH. Cheap; no --version. With
   * `remote`, for a task on a host (issue 14): defined and enabled; the host's PATH is checked there.
   */
  check(name: string, opts?: { remote?: boolean }): AgentCheck;
  /** Every agent with its detected version or the reason it is unavailable; with `remote`, as found on that host. */
  list(opts?: { refresh?: boolean; remote?: RemoteProbe }): Promise<AgentInfo[]>;
  dispose(): void;
}

export interface AgentRegistryDeps {
  config: ConfigService;
  clock: Clock;
  /** Environment used for PATH lookups and --version (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  versionTimeoutMs?: number;
}


/** Merges a config entry over a built-in: each field replaces the built-in's, env and acp merge by key. */
export function mergeAgent(base: AgentDefinition | undefined, over: AgentOverride | undefined): unknown {
  if (!over) return base;
  if (!base) return { transport: 'pty', ...over };
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) merged[k] = v;
  if (over.env) merged.env = { ...base.env, ...over.env };
  if (over.acp) merged.acp = { ...base.acp, ...over.acp };
  return merged;
}

export function createAgentRegistry(deps: AgentRegistryDeps): AgentRegistry {
  const env = deps.env ?? process.env;
  const versions = createVersionCache(deps.versionTimeoutMs);
  const unsubscribe = deps.config.onChange(() => versions.clear());

  type Entry = { def: AgentDefinition | null; problem: string | null; builtIn: boolean };
  let cached: { config: unknown; entries: Map<string, Entry> } | null = null;
  const definitions = (): Map<string, Entry> => {
    const config = deps.config.get();
    if (cached?.config === config) return cached.entries;
    const configured = config.agents;
    const out = new Map<string, Entry>();
    for (const name of new Set([...Object.keys(BUILTIN_AGENTS), ...Object.keys(configured)])) {
      const parsed = AgentDefinition.safeParse(mergeAgent(BUILTIN_AGENTS[name], configured[name]));
      const problem = parsed.success
        ? null
        : `agents.${name} in config.json is incomplete (${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')})`;
      out.set(name, { def: parsed.success ? parsed.data : null, problem, builtIn: name in BUILTIN_AGENTS });
    }
    cached = { config, entries: out };
    return out;
  };

  const resolve = (name: string): ResolvedAgent | null => {
    const entry = definitions().get(name);
    return entry?.def ? { ...entry.def, name } : null;
  };

  const check = (name: string, opts: { remote?: boolean } = {}): AgentCheck => {
    const entry = definitions().get(name);
    if (!entry) {
      const known = [...definitions().keys()].join(', ');
      return { ok: false, agent: null, reason: `no agent is named "${name}" (known: ${known}); add it under "agents" in config.json` };
    }
    if (!entry.def) return { ok: false, agent: null, reason: entry.problem! };
    const agent = { ...entry.def, name };
    if (agent.disabled) return { ok: false, agent, reason: `agent ${name} is disabled in config.json (agents.${name}.disabled)` };
    if (opts.remote) return { ok: true, agent, path: agent.command };
    const path = findExecutable(agent.command, env.PATH);
    if (!path) {
      const how = agent.installHint ? `install it (${agent.installHint}) or ` : '';
      return { ok: false, agent, reason: `agent ${name} is not installed: \`${agent.command}\` was not found on PATH; ${how}set agents.${name}.command in config.json` };
    }
    return { ok: true, agent, path };
  };

  /** A problem when the installed CLI no longer lists a flag of the definition (agent-flags.ts). */
  const checkFlags = async (path: string, agent: ResolvedAgent, probeEnv: Record<string, string>): Promise<string | null> => {
    if (!agent.helpArgs?.length) return null;
    const help = await versions.help(path, agent.helpArgs, probeEnv);
    return help.text == null ? null : flagProblem(agent.name, agent, help.text);
  };

  return {
    names: () => [...definitions().keys()],
    resolve,
    check,
    async list(opts = {}) {
      if (opts.refresh) versions.clear();
      const now = iso(deps.clock.now());
      const probeEnv = { PATH: env.PATH ?? '', HOME: env.HOME ?? '', LANG: env.LANG ?? 'C.UTF-8' };
      const remote = opts.remote ?? null;
      const checks = [...definitions()].map(([name, entry]) => ({ name, entry, c: check(name, { remote: !!remote }) }));
      const onHost = remote ? await remote.probe(checks.flatMap(({ c }) => (c.ok ? [c.agent] : []))) : null;
      return Promise.all(
        checks.map(async ({ name, entry, c }): Promise<AgentInfo> => {
          const def = c.agent;
          const base = {
            name,
            transport: def?.transport ?? 'pty',
            command: def?.command ?? '',
            args: def?.args ?? [],
            builtIn: entry.builtIn,
            disabled: def?.disabled ?? false,
            ptyFallback: def?.ptyFallback ?? null,
            interactive: def?.interactive === true,
            checkedAt: now,
            host: remote?.host ?? null,
          };
          if (!c.ok) return { ...base, available: false, path: null, version: null, reason: c.reason };
          if (onHost) {
            const found = onHost.get(name) ?? { path: null, version: null, help: null, problem: `host ${remote!.host} did not answer for ${name}` };
            const flags = found.help == null ? null : flagProblem(name, c.agent, found.help);
            return { ...base, available: !!found.path && !flags, path: found.path, version: found.version, reason: flags ?? found.problem };
          }
          const probe = await versions.get(c.path, c.agent.versionArgs ?? ['--version'], probeEnv);
          const flags = await checkFlags(c.path, c.agent, probeEnv);
          if (flags) return { ...base, available: false, path: c.path, version: probe.version, reason: flags };
          return { ...base, available: true, path: c.path, version: probe.version, reason: probe.problem };
        }),
      );
    },
    dispose() {
      unsubscribe();
      versions.clear();
    },
  };
}
