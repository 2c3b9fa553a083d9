import type { HostConfig, HostTestResult } from '../../../shared/models/host.js';
import { intFlag, parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { table } from '../format.js';

export const hostsCommand: Command = {
  name: 'hosts',
  summary: 'List, add, remove and test the remote hosts agents can run on (over ssh)',
  usage: `Usage: switchboard hosts [list]
       switchboard hosts add NAME DESTINATION [--port N] [--identity FILE] [--option K=V]...
                             [--trusted-root DIR]... [--worktree-root DIR] [--max-concurrent N]
       switchboard hosts remove NAME
       switchboard hosts test NAME [--agent NAME]...

Hosts live in config.json under "hosts". DESTINATION is user@machine or a Host alias from
~/.ssh/config; Switchboard runs the system ssh client, so your ssh config, ssh-agent, ProxyJump and
known_hosts apply. \`test\` logs in and checks git, Switchboard's folder and the worktree root on the
host, the trusted roots, and every agent's command (or the --agent ones); it exits 1 when an
essential check fails. Needs the running instance.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(
      'hosts',
      ctx.argv,
      {
        port: { type: 'string' },
        identity: { type: 'string' },
        option: { type: 'string', multiple: true },
        'trusted-root': { type: 'string', multiple: true },
        'worktree-root': { type: 'string' },
        'max-concurrent': { type: 'string' },
        agent: { type: 'string', multiple: true },
      },
      [0, 3],
    );
    const [verb = 'list', name, dest] = positionals;
    const api = await ctx.connect();
    const need = (n: number) => {
      if (positionals.length !== n) throw usageError('hosts', `hosts ${verb} takes ${n - 1} argument${n === 2 ? '' : 's'}`);
    };
    if (verb === 'list') {
      need(positionals.length ? 1 : 0);
      const hosts = await api['hosts.list']({});
      if (values.json) ctx.io.out(JSON.stringify(hosts, null, 2));
      else if (!hosts.length) ctx.io.out('No hosts. Add one with `switchboard hosts add NAME user@machine`.');
      else ctx.io.out(table(['HOST', 'SSH', 'PORT', 'TRUSTED ROOTS'], hosts.map((h) => [h.name, h.config.ssh, String(h.config.port ?? ''), (h.config.trustedRoots ?? ['(home)']).join(', ')])));
      return EXIT.ok;
    }
    if (verb === 'add') {
      need(3);
      const config: HostConfig = { ssh: dest! };
      const port = intFlag('hosts', 'port', values.port, { min: 1, max: 65535 });
      const max = intFlag('hosts', 'max-concurrent', values['max-concurrent'], { min: 1, max: 64 });
      if (port) config.port = port;
      if (values.identity) config.identityFile = values.identity;
      if (values.option?.length) config.sshOptions = values.option;
      if (values['trusted-root']?.length) config.trustedRoots = values['trusted-root'];
      if (values['worktree-root']) config.worktreeRoot = values['worktree-root'];
      if (max) config.maxConcurrent = max;
      const hosts = await api['hosts.add']({ name: name!, config });
      ctx.io.out(values.json ? JSON.stringify(hosts, null, 2) : `Added host ${name}. Check it with \`switchboard hosts test ${name}\`.`);
      return EXIT.ok;
    }
    if (verb === 'remove') {
      need(2);
      const hosts = await api['hosts.remove']({ name: name! });
      ctx.io.out(values.json ? JSON.stringify(hosts, null, 2) : `Removed host ${name}.`);
      return EXIT.ok;
    }
    if (verb === 'test') {
      need(2);
      const result = await api['hosts.test']({ name: name!, agents: values.agent });
      ctx.io.out(values.json ? JSON.stringify(result, null, 2) : renderHostTest(result));
      return result.ok ? EXIT.ok : EXIT.failure;
    }
    throw usageError('hosts', `unknown hosts command "${verb}" (list, add, remove, test)`);
  },
};

export function renderHostTest(r: HostTestResult): string {
  const width = Math.max(...r.checks.map((c) => c.name.length));
  const lines = r.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.name.padEnd(width)}  ${c.detail}`);
  if (!r.ok) lines.push('', `host ${r.name} is not ready: fix the checks marked ✗ above.`);
  return lines.join('\n');
}
