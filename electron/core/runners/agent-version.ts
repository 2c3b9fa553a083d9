/**
 * `<agent> --version` and `<agent> <helpArgs>`, asked once per executable (cached by path,
 * modification time and args, so once per installed version) with stdin closed and a timeout, so an
 * agent that answers by starting to serve cannot hang the list. Big CLIs take seconds to start on a
 * loaded machine (gemini-cli 0.61 needs 4 to 13 s for --version), hence the generous default timeout,
 * and at most two probes run at once (eight Node CLIs started together starve each other of CPU).
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { createPool } from '../git/pool.js';

export interface VersionProbe {
  version: string | null;
  /** Why there is no version, when the probe failed. */
  problem: string | null;
}

export interface HelpProbe {
  /** Everything the help command printed, or null when it failed. */
  text: string | null;
  problem: string | null;
}

export interface VersionCache {
  get(path: string, args: string[], env: Record<string, string>): Promise<VersionProbe>;
  help(path: string, args: string[], env: Record<string, string>): Promise<HelpProbe>;
  clear(): void;
}

export const VERSION_TIMEOUT_MS = 20_000;

export function createVersionCache(timeoutMs = VERSION_TIMEOUT_MS): VersionCache {
  const cache = new Map<string, Promise<HelpProbe>>();
  const pool = createPool(2);
  const cached = (path: string, args: string[], env: Record<string, string>): Promise<HelpProbe> => {
    let mtime = 0;
    try {
      mtime = statSync(path).mtimeMs;
    } catch {}
    const key = `${path}\0${mtime}\0${args.join('\0')}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = pool.use(() => probe(path, args, env, timeoutMs));
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    async get(path, args, env) {
      if (!args.length) return { version: null, problem: null };
      const r = await cached(path, args, env);
      const line = r.text?.split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 200) ?? null;
      return { version: line, problem: r.problem };
    },
    help: (path, args, env) => cached(path, args, env),
    clear: () => cache.clear(),
  };
}

function probe(path: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<HelpProbe> {
  const cmd = `\`${path} ${args.join(' ')}\``;
  return new Promise((resolve) => {
    const child = execFile(path, args, { timeout: timeoutMs, env, maxBuffer: 1024 * 1024, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      const text = `${stdout}\n${stderr}`;
      if (!err) return resolve({ text, problem: null });
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.killed) return resolve({ text: null, problem: `${cmd} did not answer within ${timeoutMs / 1000} s` });
      const line = text.split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 200);
      resolve({ text: null, problem: `${cmd} failed: ${line ?? e.message}` });
    });
    child.stdin?.end();
  });
}
