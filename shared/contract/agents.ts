import { z } from 'zod';
import { AgentInfo } from '../models/agent.js';
import { request } from './define.js';

export const agentRequests = {
  /** Every agent with its detected version or why it is unavailable; `refresh` re-runs --version. */
  'agents.list': request(z.object({ refresh: z.boolean().optional() }).default({}), z.array(AgentInfo)),
};
