import { z } from 'zod';
import { Change, HunkRef } from '../models/change.js';
import { Task, TaskId } from '../models/task.js';
import { request } from './define.js';

/** One sibling of a best-of-N group as compare shows it. */
export const GroupMember = z.object({
  task: Task,
  /** From the first run's start to the task's end (or now, while it runs); null before it starts. */
  durationMs: z.number().int().nullable(),
  /** Its newest captured change: files and lines. Null while it runs or when it changed nothing. */
  change: Change.nullable(),
  /** How its last run ended: "exit 0", "signal SIGTERM", an error type, or "running". Null before any run. */
  runStatus: z.string().nullable(),
  /** Tokens and cost its runs' agents reported, summed over its runs; null when no run reported any. */
  usage: z
    .object({
      inputTokens: z.number().int(),
      outputTokens: z.number().int(),
      /** Sum of the costs reported in USD; null when the agent reported tokens but no USD cost. */
      costUsd: z.number().nullable(),
    })
    .nullable(),
});
export type GroupMember = z.infer<typeof GroupMember>;

/** A file and the siblings whose change touches it; one task id means only that agent touched it. */
export const GroupFile = z.object({ path: z.string(), taskIds: z.array(TaskId) });

const Pick = z.object({ taskId: TaskId, files: z.array(z.string().min(1)).optional(), hunks: z.array(HunkRef).optional() });

/** Best-of-N task groups (issue 17). */
export const groupRequests = {
  /** The group of a task (any member's id, or the group id): every sibling side by side. */
  'groups.compare': request(
    z.object({ id: TaskId }),
    z.object({ groupId: z.string(), members: z.array(GroupMember), files: z.array(GroupFile) }),
  ),
  /**
   * Approves selections from one or more siblings at once: the first pick's task wins, hunks of
   * several siblings are combined when they do not overlap (an overlap is refused naming the file and
   * lines, and nothing is written), and every other unfinished sibling becomes rejected, "superseded by"
   * the winner, its agent stopped.
   */
  'groups.approve': request(
    z.object({ picks: z.array(Pick).min(1, 'pick at least one task') }),
    z.object({
      approved: z.array(z.object({ task: Task, change: Change, appliedFiles: z.array(z.string()) })),
      superseded: z.array(TaskId),
    }),
  ),
};
