/**
 * The Settings form as plain data: a draft built from the core's (redacted) view, the patch that
 * turns the view into the draft (only what changed), and the core's errors mapped back to fields.
 */
import type { PermissionPolicy } from '../../../shared/models/config.js';
import type { Project } from '../../../shared/models/project.js';
import type { ConfigPatchInput, SettingsView } from '../../../shared/models/settings.js';
import type { NotificationKinds } from '../../../shared/notifications.js';

/** A write-only secret: left alone, replaced by a new value, or removed. Never read. */
export type SecretEdit = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'clear' };

export interface SettingsDraft {
  /** Number fields hold their text; '' means "the default" (or "no limit"). */
  maxConcurrent: string;
  maxConcurrentPerProject: string;
  /** null: not set (any folder under the user's home). */
  trustedRoots: string[] | null;
  dispatchDirs: string[];
  permissionPolicy: PermissionPolicy;
  onInterrupted: 'requeue' | 'leave';
  localOnly: boolean;
  /** config.json `mcp.allowApprove`: whether `switchboard mcp` clients may approve changes. */
  mcpAllowApprove: boolean;
  dispatchSecret: SecretEdit;
  githubToken: SecretEdit;
  /** Each project's own limit by project id, as text ('' = none). */
  projectLimits: Record<number, string>;
  /** config.json `notifications`: which kinds of task change notify. */
  notifications: NotificationKinds;
}

export const DEFAULT_MAX_CONCURRENT = 2;

export const numberText = (n: number | undefined): string => (n == null ? '' : String(n));

/** Project limits start empty: a project's row shows its stored limit until the user edits it. */
export function draftFrom(view: SettingsView): SettingsDraft {
  const c = view.config;
  return {
    maxConcurrent: String(c.maxConcurrent),
    maxConcurrentPerProject: numberText(c.maxConcurrentPerProject),
    trustedRoots: c.trustedRoots ? [...c.trustedRoots] : null,
    dispatchDirs: [...c.dispatchDirs],
    permissionPolicy: c.permissionPolicy,
    onInterrupted: c.onInterrupted,
    localOnly: c.localOnly,
    mcpAllowApprove: c.mcp.allowApprove,
    dispatchSecret: { kind: 'keep' },
    githubToken: { kind: 'keep' },
    projectLimits: {},
    notifications: { ...c.notifications },
  };
}

export type FieldErrors = Record<string, string>;

/** '' → null (remove); a whole number → itself; anything else is a field error. */
function parseCount(text: string, field: string, errors: FieldErrors): number | null | undefined {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d+$/.test(t)) {
    errors[field] = 'Enter a whole number, or leave it empty.';
    return undefined;
  }
  return Number(t);
}

const sameList = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface SettingsChanges {
  /** For settings.update; empty when config.json needs no change. */
  patch: ConfigPatchInput;
  /** For settings.projectLimit, one per changed project. */
  projectLimits: { projectId: number; maxConcurrent: number | null }[];
  /** Problems found before asking the core, by field. */
  errors: FieldErrors;
}

export function changesFrom(view: SettingsView, projects: readonly Project[], draft: SettingsDraft): SettingsChanges {
  const c = view.config;
  const patch: ConfigPatchInput = {};
  const errors: FieldErrors = {};

  const max = parseCount(draft.maxConcurrent, 'maxConcurrent', errors);
  if (max !== undefined && (max ?? DEFAULT_MAX_CONCURRENT) !== c.maxConcurrent) patch.maxConcurrent = max;
  const perProject = parseCount(draft.maxConcurrentPerProject, 'maxConcurrentPerProject', errors);
  if (perProject !== undefined && (perProject ?? undefined) !== c.maxConcurrentPerProject) patch.maxConcurrentPerProject = perProject;

  // An emptied list means "not set" rather than "trust nothing", which would refuse every dispatch.
  const roots = draft.trustedRoots?.length ? draft.trustedRoots.map((r) => r.trim()) : null;
  if (!sameList(roots, c.trustedRoots)) patch.trustedRoots = roots;
  const dirs = draft.dispatchDirs.map((d) => d.trim());
  if (!sameList(dirs, c.dispatchDirs)) patch.dispatchDirs = dirs.length ? dirs : null;

  if (draft.permissionPolicy !== c.permissionPolicy) patch.permissionPolicy = draft.permissionPolicy;
  if (draft.onInterrupted !== c.onInterrupted) patch.onInterrupted = draft.onInterrupted;
  if (draft.localOnly !== c.localOnly) patch.localOnly = draft.localOnly;
  if (draft.mcpAllowApprove !== c.mcp.allowApprove) patch.mcp = { allowApprove: draft.mcpAllowApprove };
  const kinds = draft.notifications;
  if (kinds.review !== c.notifications.review || kinds.input !== c.notifications.input || kinds.failed !== c.notifications.failed) patch.notifications = { ...kinds };

  for (const key of ['dispatchSecret', 'githubToken'] as const) {
    const edit = draft[key];
    if (edit.kind === 'set') {
      if (edit.value) patch[key] = edit.value;
      else errors[key] = 'Type the new secret, or cancel.';
    } else if (edit.kind === 'clear' && c[key].set) patch[key] = null;
  }

  const projectLimits: SettingsChanges['projectLimits'] = [];
  for (const p of projects) {
    const text = draft.projectLimits[p.id];
    if (text === undefined) continue;
    const limit = parseCount(text, `projects.${p.id}`, errors);
    if (limit !== undefined && (limit ?? undefined) !== p.settings.maxConcurrent) projectLimits.push({ projectId: p.id, maxConcurrent: limit });
  }
  return { patch, projectLimits, errors };
}

export const hasChanges = (ch: SettingsChanges): boolean => Object.keys(ch.patch).length > 0 || ch.projectLimits.length > 0;

/** The core names fields by config path, prefixed "patch." when the input itself was refused. */
export function fieldErrorsFrom(details: readonly { path: string; message: string }[] | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const d of details ?? []) {
    const path = d.path.replace(/^patch\.?/, '') || '(settings)';
    out[path] ??= d.message;
  }
  return out;
}
