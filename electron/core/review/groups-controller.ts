/** Contract handlers for best-of-N groups (shared/contract/groups.ts, issue 17). */
import type { GroupMember } from '../../../shared/contract/groups.js';
import type { Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import { AppError, notFound } from '../errors.js';
import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import type { ReviewService } from './review-service.js';

export interface GroupsControllerDeps {
  store: Store;
  clock: Clock;
  review: ReviewService;
}

/** A run's ending in a few words, for compare. */
const runStatusOf = (store: Store, task: Task): string | null => {
  const run = store.runs.latest(task.id);
  if (!run) return null;
  if (!run.endedAt) return 'running';
  if (run.errorType) return run.errorType;
  if (run.signal) return `signal ${run.signal}`;
  return run.exitCode == null ? 'ended' : `exit ${run.exitCode}`;
};

/** The usage its runs' agents reported, summed; null when none reported any. */
const usageOf = (store: Store, taskId: string): GroupMember['usage'] => {
  const runs = store.usage.forTask(taskId);
  if (!runs.length) return null;
  const usd = runs.filter((r) => r.cost != null && r.costCurrency === 'USD');
  return {
    inputTokens: runs.reduce((n, r) => n + r.inputTokens, 0),
    outputTokens: runs.reduce((n, r) => n + r.outputTokens, 0),
    costUsd: usd.length ? Math.round(usd.reduce((n, r) => n + (r.cost ?? 0), 0) * 1e6) / 1e6 : null,
  };
};

export function createGroupsController(deps: GroupsControllerDeps): Pick<Handlers, 'groups.compare' | 'groups.approve'> {
  const { store, clock, review } = deps;

  const member = (task: Task): GroupMember => {
    const start = task.startedAt ? Date.parse(task.startedAt) : null;
    const end = task.endedAt ? Date.parse(task.endedAt) : clock.now();
    const change = store.changes.latest(task.id);
    return { task, durationMs: start == null ? null : Math.max(0, end - start), change, runStatus: runStatusOf(store, task), usage: usageOf(store, task.id) };
  };

  return {
    'groups.compare'({ id }) {
      const task = store.tasks.get(id);
      if (!task) throw notFound(`task ${id}`);
      if (!task.groupId) throw new AppError('invalid_input', `task ${id} is not part of a group; dispatch with two or more agents (--agent A --agent B) to compare them`);
      const members = store.tasks.inGroup(task.groupId).map(member);
      const byPath = new Map<string, string[]>();
      for (const m of members) {
        if (!m.change) continue;
        for (const f of store.changes.files(m.change.id)) byPath.set(f.path, [...(byPath.get(f.path) ?? []), m.task.id]);
      }
      const files = [...byPath].map(([path, taskIds]) => ({ path, taskIds })).sort((a, b) => a.path.localeCompare(b.path));
      return { groupId: task.groupId, members, files };
    },
    'groups.approve': ({ picks }) => review.approvePicks(picks),
  };
}
