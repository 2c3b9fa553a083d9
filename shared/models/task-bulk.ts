import { z } from 'zod';
import { isFinalState, type Task } from './task.js';
import { canHappen, taskActionsFor } from './task-transitions.js';

/** What one request can do to many tasks at once (the list view's bulk actions, `tasks.bulk`). */
export const BULK_ACTIONS = ['approve', 'reject', 'cancel', 'retry', 'archive', 'unarchive'] as const;
export const BulkAction = z.enum(BULK_ACTIONS);
export type BulkAction = z.infer<typeof BulkAction>;

/** The past tense a result summary uses: "4 cancelled". */
export const BULK_DONE: Record<BulkAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  cancel: 'cancelled',
  retry: 'retried',
  archive: 'archived',
  unarchive: 'unarchived',
};

/**
 * Why `action` does not apply to this task now, or null when it does. The state table decides
 * (canHappen / taskActionsFor), so the list's buttons, its confirmation and the core agree.
 */
export function bulkSkipReason(action: BulkAction, task: Pick<Task, 'state' | 'archivedAt'>): string | null {
  const ok =
    action === 'approve' ? canHappen(task.state, 'approve')
    : action === 'reject' ? canHappen(task.state, 'reject')
    : action === 'cancel' ? taskActionsFor(task.state).cancel
    : action === 'retry' ? taskActionsFor(task.state).retry
    : action === 'archive' ? isFinalState(task.state) && !task.archivedAt
    : Boolean(task.archivedAt);
  if (ok) return null;
  const finished = isFinalState(task.state);
  switch (action) {
    case 'unarchive': return 'not archived';
    case 'archive': return task.archivedAt ? 'already archived' : 'not finished yet';
    case 'cancel': return 'already finished';
    case 'retry': return finished ? `ended as ${task.state.replace('_', ' ')}` : 'still open';
    default: return finished ? 'already finished' : 'not awaiting review';
  }
}

/** One task's outcome in a bulk request. */
export const BulkResult = z.object({
  id: z.string(),
  outcome: z.enum(['done', 'skipped', 'failed']),
  /** Why it was skipped or failed, for the summary ("1 skipped: already finished"). */
  reason: z.string().optional(),
});
export type BulkResult = z.infer<typeof BulkResult>;

/** "4 cancelled, 1 skipped: already finished, 1 failed: task … changed state". */
export function bulkSummary(action: BulkAction, results: readonly BulkResult[]): string {
  const done = results.filter((r) => r.outcome === 'done').length;
  const parts = [`${done} ${BULK_DONE[action]}`];
  for (const outcome of ['skipped', 'failed'] as const) {
    const byReason = new Map<string, number>();
    for (const r of results) if (r.outcome === outcome) byReason.set(r.reason ?? '', (byReason.get(r.reason ?? '') ?? 0) + 1);
    for (const [reason, n] of byReason) parts.push(`${n} ${outcome}${reason ? `: ${reason}` : ''}`);
  }
  return parts.join(', ');
}
