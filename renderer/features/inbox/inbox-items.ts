import type { RejectedDispatchFile } from '../../../shared/contract/dispatch.js';
import type { PermissionRequest } from '../../../shared/models/permission.js';
import type { Task, TaskState } from '../../../shared/models/task.js';

/** Failures that need a look: the board's Failed column. */
export const FAILURE_STATES: readonly TaskState[] = ['failed', 'timed_out', 'interrupted'];

export interface InboxItems {
  /** ACP permission requests waiting for an answer. */
  permissions: PermissionRequest[];
  /** Tasks awaiting input with no permission request (an agent asking in its terminal). */
  input: Task[];
  review: Task[];
  failures: Task[];
  rejected: RejectedDispatchFile[];
  count: number;
}

const oldestFirst = (a: Task, b: Task) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt);

/** Everything that waits for a person, in one list (issue 18: the "Needs you" inbox). */
export function inboxItems(
  tasks: Readonly<Record<string, Task>>,
  pending: Readonly<Record<number, PermissionRequest>>,
  rejected: readonly RejectedDispatchFile[],
  dismissed: ReadonlySet<string>,
): InboxItems {
  const permissions = Object.values(pending).sort((a, b) => a.id - b.id);
  const asking = new Set(permissions.map((p) => p.taskId));
  const all = Object.values(tasks);
  const input = all.filter((t) => t.state === 'awaiting_input' && !asking.has(t.id)).sort(oldestFirst);
  const review = all.filter((t) => t.state === 'awaiting_review').sort(oldestFirst);
  const failures = all.filter((t) => FAILURE_STATES.includes(t.state) && !dismissed.has(t.id)).sort((a, b) => -oldestFirst(a, b));
  return { permissions, input, review, failures, rejected: [...rejected], count: permissions.length + input.length + review.length + failures.length + rejected.length };
}
