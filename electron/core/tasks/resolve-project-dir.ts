import { realpathSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AppError } from '../errors.js';
import { expandTilde } from '../home.js';

/** Resolves a user-given project directory to its real absolute path, or explains why it cannot. */
export function resolveProjectDir(dir: string): string {
  const expanded = expandTilde(dir.trim());
  if (!isAbsolute(expanded)) throw new AppError('invalid_input', `project directory "${dir}" must be an absolute path (or start with ~/)`);
  let real: string;
  try {
    real = realpathSync(expanded);
  } catch {
    throw new AppError('invalid_input', `project directory ${expanded} does not exist`);
  }
  if (!statSync(real).isDirectory()) throw new AppError('invalid_input', `project directory ${real} is not a directory`);
  return real;
}
