import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import { toErrorBody } from '../errors.js';
import { bulkSkipReason, type BulkAction, type BulkResult } from '../../../shared/models/task-bulk.js';

/** The single-task handlers a bulk action is made of. */
type One = Pick<Handlers, 'tasks.cancel' | 'tasks.retry' | 'tasks.archive' | 'changes.approve' | 'changes.reject'>;

export interface BulkControllerDeps {
  store: Store;
  /** Read when called, so the composition root can hand over handlers it builds in the same object. */
  handlers: () => One;
}

/**
 * `tasks.bulk`: runs one single-task request per id, in order, through the same handlers the UI and
 * CLI call for one task, so a bulk cancel is exactly N cancels. The state table (bulkSkipReason)
 * decides first whether the action applies: a task it does not apply to is skipped with the reason,
 * and a request that fails (the task moved meanwhile, an apply conflict) is reported without stopping
 * the rest.
 */
export function createBulkController({ store, handlers }: BulkControllerDeps): Pick<Handlers, 'tasks.bulk'> {
  const one = async (action: BulkAction, id: string, reason: string | undefined): Promise<unknown> => {
    const h = handlers();
    switch (action) {
      case 'approve': return h['changes.approve']({ taskId: id });
      case 'reject': return h['changes.reject']({ taskId: id, reason });
      case 'cancel': return h['tasks.cancel']({ id });
      case 'retry': return h['tasks.retry']({ id });
      case 'archive': return h['tasks.archive']({ id, archived: true });
      case 'unarchive': return h['tasks.archive']({ id, archived: false });
    }
  };

  return {
    async 'tasks.bulk'({ action, ids, reason }) {
      const results: BulkResult[] = [];
      for (const id of new Set(ids)) {
        const task = store.tasks.get(id);
        const skip = task ? bulkSkipReason(action, task) : 'not found';
        if (skip) {
          results.push({ id, outcome: 'skipped', reason: skip });
          continue;
        }
        try {
          await one(action, id, reason);
          results.push({ id, outcome: 'done' });
        } catch (err) {
          results.push({ id, outcome: 'failed', reason: toErrorBody(err).message });
        }
      }
      return { results };
    },
  };
}
