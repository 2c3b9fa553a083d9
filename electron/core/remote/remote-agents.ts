/**
 * Agent detection on a host (issue 14: `switchboard agents --host NAME`, the Agents screen per host):
 * every agent's command is resolved on the host's PATH, and asked for its version (and its help
 * text, when the definition names helpArgs, so a changed flag shows there too), all in one ssh round
 * trip, with stdin closed and a time limit per command like local detection.
 */
import type { AgentProbe, RemoteProbe } from '../runners/agent-registry.js';
import type { ResolvedAgent } from '../runners/runner.js';
import { shq } from './ssh-command.js';
import type { SshHost } from './ssh-host.js';

const TIMEOUT_S = 20;

/** Runs `cmd args` with stdin closed, at most TIMEOUT_S seconds where `timeout` exists; prints up to 64 KB. */
const ask = (args: string[]): string =>
  `{ if command -v timeout >/dev/null 2>&1; then timeout ${TIMEOUT_S} "$p" ${args.map(shq).join(' ')}; else "$p" ${args.map(shq).join(' ')}; fi; } </dev/null 2>&1 | head -c 65536; echo "rc=$?"`;

function probeScript(agents: ResolvedAgent[]): string {
  const lines: string[] = [];
  for (const a of agents) {
    const version = a.versionArgs ?? ['--version'];
    lines.push(
      `p=$(command -v ${shq(a.command)} 2>/dev/null) || p=`,
      `printf '%s\\0%s\\0' ${shq(a.name)} "$p"`,
      `if [ -n "$p" ]; then v=$(${version.length ? ask(version) : 'echo'}); h=$(${a.helpArgs?.length ? ask(a.helpArgs) : 'echo'}); else v=; h=; fi`,
      `printf '%s\\0%s\\0' "$v" "$h"`,
    );
  }
  return lines.join('\n');
}

/** What a probe printed: its text without the trailing "rc=N" (a pipeline's status is head's, so only the text counts). */
const text = (out: string): string => out.replace(/\n?rc=\d+$/, '');
const firstLine = (s: string): string | null => s.split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 200) ?? null;

export function remoteAgentProbe(host: SshHost): RemoteProbe {
  return {
    host: host.name,
    async probe(agents) {
      const out = new Map<string, AgentProbe>();
      if (!agents.length) return out;
      const r = await host.exec(probeScript(agents), { timeoutMs: (agents.length * 2 * TIMEOUT_S + 30) * 1000 });
      const fields = r.stdout.split('\0');
      for (let i = 0; i + 3 < fields.length; i += 4) {
        const [name, path, version, help] = fields.slice(i, i + 4);
        const agent = agents.find((a) => a.name === name);
        if (!agent) continue;
        if (!path) {
          out.set(name, { path: null, version: null, help: null, problem: `\`${agent.command}\` is not on host ${host.name}'s PATH: install it there, or set agents.${name}.command to its full path` });
          continue;
        }
        const v = text(version);
        out.set(name, { path, version: (agent.versionArgs ?? ['--version']).length ? firstLine(v) : null, help: agent.helpArgs?.length ? text(help) : null, problem: null });
      }
      return out;
    },
  };
}
