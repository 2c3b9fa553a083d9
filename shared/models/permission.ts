import { z } from 'zod';
import { TaskId } from './task.js';

/** What an option of an ACP permission request does. Options are picked by kind, never by a hard-coded id. */
export const PERMISSION_OPTION_KINDS = ['allow_once', 'allow_always', 'reject_once', 'reject_always'] as const;
export const PermissionOptionKind = z.enum(PERMISSION_OPTION_KINDS);
export type PermissionOptionKind = z.infer<typeof PermissionOptionKind>;

export const PermissionOption = z.object({
  optionId: z.string().min(1),
  name: z.string(),
  kind: PermissionOptionKind,
});
export type PermissionOption = z.infer<typeof PermissionOption>;

/**
 * pending: waiting for a person; answered: an option was chosen (by a person or the policy);
 * cancelled: the run was cancelled or the agent withdrew the request; expired: its agent is gone
 * (Switchboard restarted while it was pending).
 */
export const PermissionState = z.enum(['pending', 'answered', 'cancelled', 'expired']);
export type PermissionState = z.infer<typeof PermissionState>;

/** One `session/request_permission` from an ACP agent, as the UI, the tray and the CLI show it. */
export const PermissionRequest = z.object({
  id: z.number().int(),
  taskId: TaskId,
  runId: z.number().int(),
  /** The tool call's title, e.g. "Edit src/app.ts". */
  title: z.string(),
  /** The tool call's kind: read, edit, delete, move, search, execute, think, fetch, switch_mode, other. */
  toolKind: z.string().nullable(),
  /** The tool call as the agent sent it (locations, diff content, raw input). */
  toolCall: z.record(z.string(), z.unknown()),
  options: z.array(PermissionOption),
  state: PermissionState,
  /** The chosen option, when answered. */
  optionId: z.string().nullable(),
  /** Who decided: "user", "cli", "policy:allow-all", "policy:allow-reads", "cancel"... */
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type PermissionRequest = z.infer<typeof PermissionRequest>;
