import type { Handlers } from '../router.js';
import type { UsageRepo } from '../store/usage-repo.js';

/** `usage.summary`: what the runs' agents reported, summed per agent and per project. */
export function createUsageController(usage: Pick<UsageRepo, 'summary'>): Pick<Handlers, 'usage.summary'> {
  return { 'usage.summary': () => usage.summary() };
}
