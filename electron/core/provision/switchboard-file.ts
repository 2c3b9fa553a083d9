/**
 * Reads a project's switchboard.json (issue 16) and the paths to copy into its worktrees. A missing
 * file means no provisioning; an invalid one is an error naming the field, so the task fails with
 * it rather than running without the setup the team wrote down. On a host (issue 14) both are read
 * there, through the host's files (`git.fs`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SWITCHBOARD_FILE_NAME, SwitchboardFile } from '../../../shared/models/switchboard-file.js';
import type { ProjectSettings } from '../../../shared/models/project.js';
import { effectiveCopyFiles } from '../../../shared/models/project-status.js';
import { AppError } from '../errors.js';
import type { GitRunner } from '../git/git-runner.js';
import type { HostFs } from '../git/host-fs.js';

/** switchboard.json could not be read or is invalid: the task fails as setup_failed. */
export class SwitchboardFileError extends AppError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

export function readSwitchboardFile(dir: string): SwitchboardFile {
  const file = join(dir, SWITCHBOARD_FILE_NAME);
  if (!existsSync(file)) return SwitchboardFile.parse({});
  return parseSwitchboardFile(readFileSync(file, 'utf8'), file);
}

/** The same, through a machine's files (git.fs): on a host, its switchboard.json is read there. `where` names the host in errors. */
export async function readSwitchboardFileOn(fs: HostFs, dir: string, where = ''): Promise<SwitchboardFile> {
  const file = join(dir, SWITCHBOARD_FILE_NAME);
  const text = await fs.readText(file);
  return text == null ? SwitchboardFile.parse({}) : parseSwitchboardFile(text, `${file}${where}`);
}

/** Parses switchboard.json's text (`file` names it in errors); throws SwitchboardFileError naming the field. */
export function parseSwitchboardFile(text: string, file: string): SwitchboardFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SwitchboardFileError(`${file} is not valid JSON (${(err as Error).message}); fix it and retry the task`);
  }
  const parsed = SwitchboardFile.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new SwitchboardFileError(`${file} is invalid: ${issues}. Fix it (its JSON Schema is shared/schema/switchboard.schema.json) and retry the task`);
  }
  return parsed.data;
}

/**
 * What to copy into a new worktree: the app's per-project `copyFiles` when set (it overrides the
 * file's), else switchboard.json's `copyFiles`; plus the ignored files `.worktreeinclude` names
 * (gitignore syntax, so globs work; directories such as node_modules come whole).
 */
export async function filesToCopy(git: GitRunner, projectDir: string, file: SwitchboardFile, settings: ProjectSettings): Promise<string[]> {
  const listed = effectiveCopyFiles(settings, file);
  const include = join(projectDir, '.worktreeinclude');
  if (!(await git.fs.exists(include))) return listed;
  const out = await git.run({ cwd: projectDir, args: ['ls-files', '-z', '--others', '--ignored', '--directory', `--exclude-from=${include}`], okCodes: [0, 128] });
  const matched = out.code === 0 ? out.stdout.toString().split('\0').filter(Boolean) : [];
  return [...new Set([...listed, ...matched])];
}
