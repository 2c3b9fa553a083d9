/** A runner that sends a task on a host to the host's runner (issue 14). */
import type { Runner } from '../runners/runner.js';

export function routeRunner(local: Runner, remote: Runner): Runner {
  return { start: (req) => (req.task.host ? remote.start(req) : local.start(req)) };
}
