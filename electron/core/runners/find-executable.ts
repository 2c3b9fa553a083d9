import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { expandTilde } from '../home.js';

/** `which`: the executable `command` names, searched on `pathVar` unless it is a path itself. */
export function findExecutable(command: string, pathVar: string | undefined): string | null {
  const expanded = expandTilde(command);
  if (expanded.includes('/')) return isExecutableFile(isAbsolute(expanded) ? expanded : resolve(expanded)) ? resolve(expanded) : null;
  for (const dir of (pathVar ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, expanded);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
