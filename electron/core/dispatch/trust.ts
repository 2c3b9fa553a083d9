import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve, sep } from 'node:path';
import type { Config } from '../../../shared/models/config.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError } from '../errors.js';
import { expandTilde } from '../home.js';

export interface TrustPolicy {
  /** Why `realDir` (already resolved with realpath) may not be used, or null when it may. */
  problem(realDir: string): string | null;
  /** Throws an AppError when `realDir` may not be used: the submit path's checkProjectDir hook. */
  checkProjectDir(realDir: string): void;
}

export interface TrustDeps {
  config: ConfigService;
  /** The user's home (default os.homedir()): without trustedRoots, any directory under it is allowed. */
  userHome?: string;
}

const realOrNull = (p: string): string | null => {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
};
const isInside = (dir: string, root: string): boolean => dir === root || dir.startsWith(root.endsWith(sep) ? root : root + sep);

/** Where dispatches and tasks.create may point (issue #3, ARCHITECTURE.md invariant 6). */
export function createTrustPolicy(deps: TrustDeps): TrustPolicy {
  const userHome = deps.userHome ?? homedir();
  let cachedFor: Config | null = null;
  let roots: string[] | null = null;
  const configured = (): string[] | null => {
    const config = deps.config.get();
    if (config !== cachedFor) {
      cachedFor = config;
      roots = config.trustedRoots ? config.trustedRoots.map((r) => realOrNull(resolve(expandTilde(r, userHome)))).filter((r): r is string => r != null) : null;
    }
    return roots;
  };
  const home = realOrNull(userHome) ?? resolve(userHome);

  const problem = (realDir: string): string | null => {
    const trusted = configured();
    if (trusted) {
      if (trusted.some((root) => isInside(realDir, root))) return null;
      const list = trusted.length ? trusted.join(', ') : '(none of the configured trustedRoots exist)';
      return `${realDir} is outside the trusted roots (${list}); add it to trustedRoots in config.json to allow it`;
    }
    if (realDir !== home && isInside(realDir, home)) return null;
    return `${realDir} is not under your home directory ${home}, and trustedRoots is not set; set trustedRoots in config.json to allow it`;
  };

  return {
    problem,
    checkProjectDir(realDir) {
      const why = problem(realDir);
      if (why) throw new AppError('invalid_input', `project directory not allowed: ${why}`, [{ path: 'projectDir', message: why }]);
    },
  };
}
