import { z } from 'zod';
import { HostConfig, HostInfo, HostName, HostTestResult } from '../models/host.js';
import { request } from './define.js';

export const hostRequests = {
  /** The hosts of config.json (issue 14). */
  'hosts.list': request(z.object({}).default({}), z.array(HostInfo)),
  /** Adds or replaces a host in config.json (validated and written like settings.update). */
  'hosts.add': request(z.object({ name: HostName, config: HostConfig }), z.array(HostInfo)),
  /** Removes a host from config.json. Its projects and tasks stay; they cannot run until it is back. */
  'hosts.remove': request(z.object({ name: HostName }), z.array(HostInfo)),
  /**
   * Checks a host: reachable and logged in, git, Switchboard's folder and the worktree root, the
   * trusted roots, and (all, or the named ones) the agents' commands on its PATH.
   */
  'hosts.test': request(z.object({ name: HostName, agents: z.array(z.string()).optional() }), HostTestResult),
};
