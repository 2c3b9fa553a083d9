import { z } from 'zod';

export const ProjectSettings = z.object({
  /** Ignored files copied into each worktree, e.g. ".env". */
  copyFiles: z.array(z.string()).default([]),
  /** "working-tree": approve leaves uncommitted changes; "commit": approve commits on the target branch. */
  applyMode: z.enum(['working-tree', 'commit']).default('working-tree'),
  permissionPolicy: z.enum(['ask', 'allow-reads', 'allow-all']).optional(),
  maxConcurrent: z.number().int().min(1).optional(),
  /** The agent a task of this project runs when it names none (over config.json `defaultAgent`). */
  defaultAgent: z.string().min(1).optional(),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;

export const Project = z.object({
  id: z.number().int(),
  /** The host (config.json `hosts`) the project lives on; null for this machine (issue 14). */
  host: z.string().nullable().optional(),
  dir: z.string(),
  name: z.string(),
  settings: ProjectSettings,
  createdAt: z.string(),
});
export type Project = z.infer<typeof Project>;

/** A change to a project's settings (projects.update): a key left out is unchanged, null removes it (its default applies). */
export const ProjectSettingsPatch = z
  .object({
    copyFiles: z.array(z.string().min(1, 'a file to copy is an empty name')).max(200).nullable(),
    applyMode: z.enum(['working-tree', 'commit']).nullable(),
    defaultAgent: z.string().min(1).nullable(),
    maxConcurrent: z.number().int().min(1).max(64).nullable(),
  })
  .partial()
  .strict();
export type ProjectSettingsPatch = z.infer<typeof ProjectSettingsPatch>;
