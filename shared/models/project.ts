import { z } from 'zod';

export const ProjectSettings = z.object({
  /** Ignored files copied into each worktree, e.g. ".env". */
  copyFiles: z.array(z.string()).default([]),
  /** "working-tree": approve leaves uncommitted changes; "commit": approve commits on the target branch. */
  applyMode: z.enum(['working-tree', 'commit']).default('working-tree'),
  permissionPolicy: z.enum(['ask', 'allow-reads', 'allow-all']).optional(),
  maxConcurrent: z.number().int().min(1).optional(),
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
