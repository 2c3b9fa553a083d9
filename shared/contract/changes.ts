import { z } from 'zod';
import { Change, ChangeComment, ChangeFile, CommentSide, HunkRef } from '../models/change.js';
import { PullRequestInfo, Task, TaskId } from '../models/task.js';
import { request } from './define.js';

const TaskRef = z.object({ taskId: TaskId });

/** Review of captured changes (issue #6). A task has at most one change awaiting review: the newest. */
export const changeRequests = {
  /** The summary and file list of the task's newest change (no patches). */
  'changes.get': request(
    TaskRef.extend({ changeId: z.number().int().optional() }),
    z.object({ change: Change, files: z.array(ChangeFile), comments: z.array(ChangeComment) }),
  ),
  /** One file's unified diff, so a viewer loads one file at a time. */
  'changes.fileDiff': request(
    TaskRef.extend({ path: z.string().min(1), changeId: z.number().int().optional() }),
    z.object({ file: ChangeFile, patch: z.string(), truncated: z.boolean() }),
  ),
  /**
   * Applies the selection to the project (all files when neither files nor hunks is given). A file
   * named in `files` is applied whole; `hunks` picks single hunks of other files.
   */
  'changes.approve': request(
    TaskRef.extend({
      files: z.array(z.string().min(1)).optional(),
      hunks: z.array(HunkRef).optional(),
      /** The change the reviewer looked at: approve is refused if a follow-up replaced it since. */
      changeId: z.number().int().optional(),
    }),
    z.object({ task: Task, change: Change, appliedFiles: z.array(z.string()) }),
  ),
  /**
   * Hands the change off as a pull request (issue 16) instead of applying it: the selection (all when
   * neither files nor hunks is given) is committed on switchboard/<id>, pushed, and a PR is opened, or
   * the open one for that branch reused. The task ends as pr_opened.
   */
  'changes.openPr': request(
    TaskRef.extend({
      files: z.array(z.string().min(1)).optional(),
      hunks: z.array(HunkRef).optional(),
      changeId: z.number().int().optional(),
      draft: z.boolean().optional(),
      title: z.string().min(1).max(256).optional(),
    }),
    z.object({ task: Task, pr: PullRequestInfo, reused: z.boolean(), pushed: z.boolean() }),
  ),
  /**
   * Turns the change down; the project is left as it was. With `rerun`, in the same step a new task
   * starts afresh (same project, agent, time limit and constraints) with the prompt plus the reason as
   * feedback ("reject with feedback"): the rejected task cannot be retried, the state table ends it.
   */
  'changes.reject': request(
    TaskRef.extend({ reason: z.string().max(10_000).optional(), rerun: z.boolean().optional() }).refine((i) => !i.rerun || i.reason?.trim(), {
      message: 'a re-run needs the feedback: say what to do differently in the reason',
      path: ['reason'],
    }),
    z.object({ task: Task, change: Change, rerun: Task.optional() }),
  ),
  'changes.comment': request(
    TaskRef.extend({ path: z.string().min(1), line: z.number().int().min(1), side: CommentSide.default('new'), body: z.string().min(1).max(20_000) }),
    ChangeComment,
  ),
  /** Sends the task back to its agent with the reviewer's message and comments; same worktree, same session. */
  'tasks.followUp': request(TaskRef.extend({ message: z.string().min(1, 'the follow-up message is empty').max(100_000) }), Task),
};
