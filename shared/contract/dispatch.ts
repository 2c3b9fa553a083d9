import { z } from 'zod';
import { FieldProblem, RejectionReason } from '../models/dispatch.js';
import { request } from './define.js';

/** A dispatch file the inbox refused, still in `<dir>/rejected/` beside its `.error.json`. */
export const RejectedDispatchFile = z.object({
  /** The watched dispatch folder it came from. */
  dir: z.string(),
  /** Its name inside `<dir>/rejected/` (what dispatch.retryRejected takes). */
  name: z.string(),
  /** Where it is now: edit this file to fix it, then retry. */
  path: z.string(),
  dispatchId: z.string().nullable(),
  reason: RejectionReason,
  message: z.string(),
  errors: z.array(FieldProblem),
  rejectedAt: z.string(),
});
export type RejectedDispatchFile = z.infer<typeof RejectedDispatchFile>;

/** The dispatch inbox as the app shows it (issue 18, bug 10: rejected files were invisible). */
export const dispatchRequests = {
  /** Rejected files still waiting in the watched folders' rejected/, newest first. */
  'dispatch.rejected': request(z.object({}).default({}), z.object({ files: z.array(RejectedDispatchFile) })),
  /**
   * Puts a rejected file back in its inbox (after the user fixed it), where intake takes it again;
   * its `.error.json` moves to `rejected/retried/`. Returns the path it has in the inbox.
   */
  'dispatch.retryRejected': request(z.object({ dir: z.string().min(1), name: z.string().min(1) }), z.object({ path: z.string() })),
};
