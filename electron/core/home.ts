import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Every path Switchboard keeps under its home (default ~/.switchboard). */
export interface HomePaths {
  root: string;
  db: string;
  config: string;
  serverInfo: string;
  /** The host's bearer token, kept across restarts (electron/host/host-token.ts). */
  hostToken: string;
  /** Held (an OS lock) by the one process serving this home (electron/host/home-lock.ts). */
  instanceLock: string;
  dispatch: string;
  worktrees: string;
  logs: string;
}

/** --home wins, then SWITCHBOARD_HOME, then ~/.switchboard. A leading ~/ is expanded. */
export function resolveHome(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const raw = flag || env.SWITCHBOARD_HOME || join(homedir(), '.switchboard');
  return resolve(expandTilde(raw));
}

export const expandTilde = (p: string, home = homedir()): string => (p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p);

export function homePaths(root: string): HomePaths {
  return {
    root,
    db: join(root, 'switchboard.db'),
    config: join(root, 'config.json'),
    serverInfo: join(root, 'server.json'),
    hostToken: join(root, 'token'),
    instanceLock: join(root, 'instance.lock'),
    dispatch: join(root, 'dispatch'),
    worktrees: join(root, 'worktrees'),
    logs: join(root, 'logs'),
  };
}

/** Creates the home's folders (mode 0700: it holds a token and possibly a secret). */
export function ensureHome(paths: HomePaths): void {
  mkdirSync(paths.root, { recursive: true, mode: 0o700 });
  for (const dir of [paths.dispatch, paths.worktrees, paths.logs]) mkdirSync(dir, { recursive: true });
}
