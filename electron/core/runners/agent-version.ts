/**
 * `<agent> --version`, asked once per executable (cached by path, modification time and args) with
 * stdin closed and a timeout, so an agent that answers by starting to serve cannot hang the list.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';

export interface VersionProbe {
  version: string | null;
  /** Why there is no version, when the probe failed. */
  problem: string | null;
}

export interface VersionCache {
  get(path: string, args: string[], env: Record<string, string>): Promise<VersionProbe>;
  clear(): void;
}

export function createVersionCache(timeoutMs = 5000): VersionCache {
  const cache = new Map<string, Promise<VersionProbe>>();
  return {
    get(path, args, env) {
      if (!args.length) return Promise.resolve({ version: null, problem: null });
      let mtime = 0;
      try {
        mtime = statSync(path).mtimeMs;
      } catch {}
      const key = `${path}\0${mtime}\0${args.join('\0')}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = probe(path, args, env, timeoutMs);
        cache.set(key, hit);
      }
      return hit;
    },
    clear: () => cache.clear(),
  };
}

function probe(path: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<VersionProbe> {
  return new Promise((resolve) => {
    const child = execFile(path, args, { timeout: timeoutMs, env, maxBuffer: 64 * 1024, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      const line = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 200) ?? null;
      if (!err) return resolve({ version: line, problem: null });
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.killed) return resolve({ version: null, problem: `\`${path} ${args.join(' ')}\` did not answer within ${timeoutMs / 1000} s` });
      resolve({ version: null, problem: `\`${path} ${args.join(' ')}\` failed: ${line ?? e.message}` });
    });
    child.stdin?.end();
  });
}
