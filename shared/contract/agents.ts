import { z } from 'zod';
import { AgentInfo } from '../models/agent.js';
import { HostName } from '../models/host.js';
import { request } from './define.js';

export const agentRequests = {
  /**
   * Every agent with its detected version or why it is unavailable; `refresh` re-runs --version.
   * With `host` (a host of config.json), each agent's command is resolved and asked on that host.
   */
  'agents.list': request(z.object({ refresh: z.boolean().optional(), host: HostName.optional() }).default({}), z.array(AgentInfo)),
};
