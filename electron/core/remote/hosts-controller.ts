/** hosts.*: config.json's hosts, edited through settings.update (one place validates and writes config.json). */
import type { HostInfo } from '../../../shared/models/host.js';
import type { ConfigService } from '../config/config-service.js';
import { notFound } from '../errors.js';
import type { Handlers } from '../router.js';
import type { AgentRegistry } from '../runners/agent-registry.js';
import type { Hosts } from './hosts.js';

export interface HostsControllerDeps {
  config: ConfigService;
  hosts: Hosts;
  registry: Pick<AgentRegistry, 'names' | 'resolve'>;
  updateSettings: Handlers['settings.update'];
}

type HostHandlers = Pick<Handlers, 'hosts.list' | 'hosts.add' | 'hosts.remove' | 'hosts.test'>;

export function createHostsController(deps: HostsControllerDeps): HostHandlers {
  const list = (): HostInfo[] => Object.entries(deps.config.get().hosts).map(([name, config]) => ({ name, config }));
  return {
    'hosts.list': () => list(),
    async 'hosts.add'({ name, config }) {
      await deps.updateSettings({ patch: { hosts: { ...deps.config.get().hosts, [name]: config } } });
      return list();
    },
    async 'hosts.remove'({ name }) {
      const { [name]: gone, ...rest } = deps.config.get().hosts;
      if (!gone) throw notFound(`host ${name}`);
      await deps.updateSettings({ patch: { hosts: Object.keys(rest).length ? rest : null } });
      return list();
    },
    'hosts.test'({ name, agents }) {
      const names = agents ?? deps.registry.names();
      const commands = names
        .map((n) => deps.registry.resolve(n))
        .filter((a): a is NonNullable<typeof a> => !!a && !a.disabled)
        .map((a) => ({ name: a.name, command: a.command }));
      return deps.hosts.test(name, commands);
    },
  };
}
