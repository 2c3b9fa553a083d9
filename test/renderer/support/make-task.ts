import type { Task } from '../../../shared/models/task.js';

/** A valid Task with sensible defaults, for tests of pure renderer logic. */
export function makeTask(patch: Partial<Task> = {}): Task {
  const at = patch.createdAt ?? '2026-01-01T00:00:00.000Z';
  return {
    id: 'dispatch-t1',
    projectId: 1,
    projectDir: '/home/me/code/api',
    prompt: 'Do the thing',
    agent: 'claude',
    state: 'queued',
    priority: 0,
    ttlSeconds: 3600,
    source: 'api',
    dispatchedBy: null,
    inPlace: false,
    baseBranch: null,
    baseCommit: null,
    branch: null,
    worktreePath: null,
    callbackUrl: null,
    retryCount: 0,
    errorType: null,
    error: null,
    pr: null,
    meta: {},
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    endedAt: null,
    ...patch,
  };
}
