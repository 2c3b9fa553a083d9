/**
 * What the Projects UI shows about a project beyond its settings (issue 18): the repository's state
 * (`projects.repoStatus`) and its switchboard.json with the app settings that win over it
 * (`projects.switchboardFile`).
 */
import { z } from 'zod';
import type { ProjectSettings } from './project.js';
import { SwitchboardFile } from './switchboard-file.js';

export const RepoStatus = z.object({
  projectId: z.number().int(),
  /** The checked-out branch; null when HEAD is detached or the repository has no commit yet. */
  branch: z.string().nullable(),
  /** The commit HEAD is at (full id), null before the first commit. */
  head: z.string().nullable(),
  /** Files with staged, unstaged or untracked changes (each file once; ignored files do not count). */
  dirty: z.number().int().min(0),
  /** The branch's upstream ("origin/main"), null when it has none. */
  upstream: z.string().nullable(),
  /** Commits on the branch not on its upstream, and the other way round (0 without an upstream). */
  ahead: z.number().int().min(0),
  behind: z.number().int().min(0),
  /** When it was read (ISO). */
  checkedAt: z.string(),
});
export type RepoStatus = z.infer<typeof RepoStatus>;

/** A setting of switchboard.json that the app's own per-project setting replaces for this user. */
export const SettingOverride = z.object({
  key: z.enum(['copyFiles', 'applyMode']),
  /** Why, in a sentence for the settings page. */
  note: z.string(),
});
export type SettingOverride = z.infer<typeof SettingOverride>;

export const SwitchboardFileView = z.object({
  projectId: z.number().int(),
  /** Where the file is (or would be), on the project's machine. */
  path: z.string(),
  found: z.boolean(),
  /** The parsed file when found and valid. */
  file: SwitchboardFile.nullable(),
  /** Why it could not be read or is invalid: what tasks of this project will fail with. */
  error: z.string().nullable(),
  /** The app settings that win over the file. */
  overrides: z.array(SettingOverride),
});
export type SwitchboardFileView = z.infer<typeof SwitchboardFileView>;

type FileSettings = Pick<SwitchboardFile, 'copyFiles' | 'applyMode'>;

/**
 * The one rule for what wins between the app's per-project settings and switchboard.json (issue 16):
 * the app's copyFiles when it lists any, else the file's; applyMode "commit" in the app, else the
 * file's applyMode, else "working-tree". The core provisions and approves by these; the UI explains them.
 */
export const effectiveCopyFiles = (settings: Pick<ProjectSettings, 'copyFiles'>, file: FileSettings | null): string[] =>
  settings.copyFiles.length ? settings.copyFiles : (file?.copyFiles ?? []);

export const effectiveApplyMode = (settings: Pick<ProjectSettings, 'applyMode'>, file: FileSettings | null): 'working-tree' | 'commit' =>
  settings.applyMode === 'commit' ? 'commit' : (file?.applyMode ?? 'working-tree');

/** Which of the file's settings the app's replace, by the rule above. */
export function settingOverrides(settings: Pick<ProjectSettings, 'copyFiles' | 'applyMode'>, file: FileSettings | null): SettingOverride[] {
  const out: SettingOverride[] = [];
  if (settings.copyFiles.length && file?.copyFiles) {
    out.push({ key: 'copyFiles', note: `the app's copied files (${settings.copyFiles.join(', ')}) replace the file's (${file.copyFiles.join(', ') || 'none'})` });
  }
  if (settings.applyMode === 'commit' && file?.applyMode === 'working-tree') {
    out.push({ key: 'applyMode', note: 'the app\'s "commit" replaces the file\'s "working-tree": approving commits' });
  }
  return out;
}
