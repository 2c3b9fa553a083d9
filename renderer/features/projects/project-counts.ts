import type { TaskState } from '../../../shared/models/task.js';

type Counts = Partial<Record<TaskState, number>> | undefined;

/** Queued, preparing or running: the Tasks badge and each project's "active". */
export const activeCount = (c: Counts): number => (c?.queued ?? 0) + (c?.preparing ?? 0) + (c?.running ?? 0);

/** Waiting on a person to answer or review: each project's "needs you". */
export const waitingCount = (c: Counts): number => (c?.awaiting_input ?? 0) + (c?.awaiting_review ?? 0);
