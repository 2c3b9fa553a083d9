/** A runner per transport that sends a task on a host to the host's runner (issue 14). */
import { AgentStartError } from '../runners/start-agent.js';
import type { Runner } from '../runners/runner.js';

export function routeRunner(local: Runner, remote: Runner | null, transport: string): Runner {
  return {
    start(req) {
      if (!req.task.host) return local.start(req);
      if (!remote) {
        throw new AgentStartError(
          'agent_unavailable',
          `agent ${req.agent.name} speaks ${transport.toUpperCase()}, and ${transport.toUpperCase()} agents cannot run on a host yet (task ${req.task.id} is on host ${req.task.host}); use a PTY agent there (claude, codex, cursor, or one of your own)`,
        );
      }
      return remote.start(req);
    },
  };
}
