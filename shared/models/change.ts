import { z } from 'zod';

/** How one file changed between the base commit and what the agent left (issue #6). */
export const ChangeFileStatus = z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'mode', 'typechange']);
export type ChangeFileStatus = z.infer<typeof ChangeFileStatus>;

export const ChangeState = z.enum(['pending', 'applied', 'partially_applied', 'rejected', 'superseded']);
export type ChangeState = z.infer<typeof ChangeState>;

/** One file of a change, without its patch (the UI fetches patches one file at a time). */
export const ChangeFile = z.object({
  idx: z.number().int(),
  path: z.string(),
  oldPath: z.string().nullable(),
  status: ChangeFileStatus,
  binary: z.boolean(),
  /** Size in bytes of the new version (old version for a deletion); set for binary files. */
  size: z.number().int().nullable(),
  additions: z.number().int(),
  deletions: z.number().int(),
  oldMode: z.string().nullable(),
  newMode: z.string().nullable(),
});
export type ChangeFile = z.infer<typeof ChangeFile>;

/** What happened at review time, kept with the change. */
export const ChangeReview = z.object({
  approvedFiles: z.array(z.string()).optional(),
  approvedHunks: z.array(z.object({ path: z.string(), index: z.number().int() })).optional(),
  /** The commit created in applyMode "commit". */
  commit: z.string().optional(),
  rejectReason: z.string().optional(),
  /** Files that could not be applied at the last attempt. */
  conflicts: z.array(z.string()).optional(),
  error: z.string().optional(),
  /**
   * The worktree's whole content when this change was captured (a tree id), as earlier versions recorded
   * it. Removal compares against it when present, else against the base with the change's patch applied.
   */
  tree: z.string().optional(),
});
export type ChangeReview = z.infer<typeof ChangeReview>;

export const Change = z.object({
  id: z.number().int(),
  taskId: z.string(),
  runId: z.number().int().nullable(),
  baseCommit: z.string().nullable(),
  headCommit: z.string().nullable(),
  state: ChangeState,
  filesCount: z.number().int(),
  additions: z.number().int(),
  deletions: z.number().int(),
  review: ChangeReview,
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Change = z.infer<typeof Change>;

export const CommentSide = z.enum(['old', 'new']);

/** A reviewer's comment on one line of one file, sent to the agent with a follow-up. */
export const ChangeComment = z.object({
  id: z.number().int(),
  changeId: z.number().int(),
  path: z.string(),
  line: z.number().int(),
  side: CommentSide,
  body: z.string(),
  createdAt: z.string(),
});
export type ChangeComment = z.infer<typeof ChangeComment>;

/** A hunk picked for approval: the file and the hunk's index in that file's patch (0-based). */
export const HunkRef = z.object({ path: z.string().min(1), index: z.number().int().min(0) });
export type HunkRef = z.infer<typeof HunkRef>;
