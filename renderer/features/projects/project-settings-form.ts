import type { Project, ProjectSettingsPatch } from '../../../shared/models/project.js';

/** The project settings form as typed: text as the person left it, checked on save. */
export interface ProjectDraft {
  name: string;
  applyMode: 'working-tree' | 'commit';
  copyFiles: string[];
  /** '' is "the app's default agent". */
  defaultAgent: string;
  /** '' is "the app's per-project limit". */
  maxConcurrent: string;
}

export const projectDraftFrom = (p: Project): ProjectDraft => ({
  name: p.name,
  applyMode: p.settings.applyMode,
  copyFiles: [...p.settings.copyFiles],
  defaultAgent: p.settings.defaultAgent ?? '',
  maxConcurrent: p.settings.maxConcurrent == null ? '' : String(p.settings.maxConcurrent),
});

export interface ProjectChanges {
  patch: ProjectSettingsPatch;
  /** Set when the name changed. */
  name?: string;
  /** By field path, as the core names them ("copyFiles.1", "maxConcurrent"). */
  errors: Record<string, string>;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What to send for the fields that changed; errors for what cannot be sent. Empty copy rows are dropped. */
export function projectChanges(p: Project, d: ProjectDraft): ProjectChanges {
  const patch: ProjectSettingsPatch = {};
  const errors: Record<string, string> = {};
  const name = d.name.trim();
  if (!name) errors.name = 'a project needs a name';
  if (d.applyMode !== p.settings.applyMode) patch.applyMode = d.applyMode;
  const files = d.copyFiles.map((f) => f.trim()).filter(Boolean);
  if (!sameList(files, p.settings.copyFiles)) patch.copyFiles = files.length ? files : null;
  const agent = d.defaultAgent.trim();
  if (agent !== (p.settings.defaultAgent ?? '')) patch.defaultAgent = agent || null;
  const limitText = d.maxConcurrent.trim();
  const limit = limitText === '' ? null : Number(limitText);
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > 64)) errors.maxConcurrent = 'a whole number from 1 to 64, or empty for the default';
  else if ((limit ?? undefined) !== p.settings.maxConcurrent) patch.maxConcurrent = limit;
  return { patch, ...(name && name !== p.name ? { name } : {}), errors };
}

export const hasProjectChanges = (c: ProjectChanges): boolean => Object.keys(c.patch).length > 0 || c.name !== undefined;
