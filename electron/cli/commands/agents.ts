import type { AgentInfo } from '../../../shared/models/agent.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { table } from '../format.js';

export const agentsCommand: Command = {
  name: 'agents',
  summary: 'List the agents, their versions, or why they cannot run',
  usage: `Usage: switchboard agents [--host NAME] [--refresh] [--json] [--home DIR]

Lists every agent (built-in and from config.json): its transport, command, detected version, or the
reason it is unavailable. Versions are cached; --refresh asks each agent again. With --host, each
agent's command is looked for and asked for its version on that host (config.json \`hosts\`), over ssh.
With --json, prints the list as JSON. Needs the running instance.`,
  async run(ctx) {
    const { values } = parseCommandArgs('agents', ctx.argv, { refresh: { type: 'boolean' }, host: { type: 'string' } });
    const api = await ctx.connect();
    const host = typeof values.host === 'string' ? values.host : undefined;
    const agents = await api['agents.list']({ refresh: values.refresh === true, host });
    ctx.io.out(values.json ? JSON.stringify(agents, null, 2) : renderAgents(agents));
    return EXIT.ok;
  },
};

export function renderAgents(agents: AgentInfo[]): string {
  const status = (a: AgentInfo): string => (a.disabled ? 'disabled' : a.available ? 'ready' : a.path ? 'unusable' : 'missing');
  const detail = (a: AgentInfo): string => {
    if (!a.available) return a.reason ?? '';
    const v = a.version ?? 'version unknown';
    return a.reason ? `${v} (${a.reason})` : v;
  };
  const rows = agents.map((a) => [a.name, a.transport, status(a), [a.command, ...a.args].join(' '), detail(a)]);
  return table(['AGENT', 'TRANSPORT', 'STATUS', 'COMMAND', 'VERSION / REASON'], rows);
}
