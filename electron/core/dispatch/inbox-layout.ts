import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../../../shared/models/config.js';
import { expandTilde } from '../home.js';

/** The folders and files of one watched dispatch folder. */
export interface InboxLayout {
  dir: string;
  accepted: string;
  rejected: string;
  completed: string;
  audit: string;
  heartbeat: string;
}

export function inboxLayout(dir: string): InboxLayout {
  return {
    dir,
    accepted: join(dir, 'accepted'),
    rejected: join(dir, 'rejected'),
    completed: join(dir, 'completed'),
    audit: join(dir, 'audit.jsonl'),
    heartbeat: join(dir, '.daemon-heartbeat'),
  };
}

export function ensureInbox(layout: InboxLayout): void {
  for (const d of [layout.dir, layout.accepted, layout.rejected, layout.completed]) mkdirSync(d, { recursive: true });
}

/**
 * Names that are dispatch files: `*.json`, not hidden. Writers put a temp name (hidden, or not ending in
 * .json) and rename it in, so a temp file is never read.
 */
export const isDispatchFileName = (name: string): boolean => name.endsWith('.json') && !name.startsWith('.') && name.length > 5;

/**
 * Every folder to watch: `<home>/dispatch`, the config's `dispatchDirs`, and gstack's
 * `~/.gstack/dispatch` when it exists. The home's own folder comes first: it holds the audit log.
 */
export function inboxDirs(homeDispatch: string, config: Config, userHome: string): string[] {
  const dirs = [resolve(homeDispatch), ...config.dispatchDirs.map((d) => resolve(expandTilde(d, userHome)))];
  const gstack = join(userHome, '.gstack', 'dispatch');
  if (existsSync(gstack)) dirs.push(gstack);
  return [...new Set(dirs)];
}
