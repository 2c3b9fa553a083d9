import type { AppStatus } from '../../shared/models/app-status.js';
import { TASK_STATES, type TaskState } from '../../shared/models/task.js';
import { iso } from './clock.js';
import type { ConfigService } from './config/config-service.js';
import type { Handlers } from './router.js';
import type { Store } from './store/index.js';

export interface AppInfo {
  version: string;
  home: string;
  mode: AppStatus['mode'];
  startedAt: number;
}

/** Builds app.status: counts per state plus the warnings a user should see. */
export function createAppStatus(store: Store, config: ConfigService, info: AppInfo, extraWarnings: () => string[] = () => []) {
  return (): AppStatus => {
    // One grouped query: the totals are the per-project counts summed.
    const byProject = store.tasks.countsByProject();
    const counts = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
    for (const perState of Object.values(byProject)) for (const [state, n] of Object.entries(perState)) counts[state as TaskState] += n ?? 0;
    const warnings: string[] = [];
    const err = config.error();
    if (err) warnings.push(err);
    if (!config.get().trustedRoots) warnings.push('trustedRoots is not set in config.json: dispatches may point at any directory under your home.');
    warnings.push(...extraWarnings());
    return { version: info.version, pid: process.pid, home: info.home, mode: info.mode, startedAt: iso(info.startedAt), counts, byProject, warnings };
  };
}

export function createAppController(status: () => AppStatus): Pick<Handlers, 'app.status'> {
  return { 'app.status': () => status() };
}
