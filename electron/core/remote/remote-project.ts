/**
 * A project directory on a host (issue 14). At submit (which must not wait on the network) the path
 * is checked as written: the host exists, the path is absolute or ~/-relative, and lies inside the
 * host's trustedRoots as written. Before the task runs, prepare resolves it on the host (realpath over
 * ssh) and checks the real path against the trusted roots, also resolved there, so a symlink cannot
 * lead out of them.
 */
import { posix } from 'node:path';
import type { Config } from '../../../shared/models/config.js';
import { AppError } from '../errors.js';
import { shq } from './ssh-command.js';
import type { SshHost } from './ssh-host.js';

const inside = (dir: string, root: string): boolean => dir === root || dir.startsWith(root.endsWith('/') ? root : `${root}/`);
const normal = (p: string): string => (p === '~' || p.startsWith('~/') ? `~${posix.normalize(p.slice(1)).replace(/\/$/, '')}` : posix.normalize(p).replace(/(.)\/$/, '$1'));

/** Why a task on a host cannot run in place (refused at submit; prepare refuses one that got past it). */
export const IN_PLACE_REFUSED = (host: string): string =>
  `a task on host ${host} cannot run in place: in place works in the project folder itself and reads it through a private snapshot git dir that lives on this machine, ` +
  `and a host's project has none. Dispatch it without in place (it gets its own worktree on host ${host}, and you review the change as usual), or run it in place on this machine`;

/** The project dir to record for a task on `host`, or an invalid_input naming the problem. */
export function checkRemoteProjectDir(config: Config, host: string, dir: string, inPlace: boolean): string {
  const entry = config.hosts[host];
  const fail = (message: string, path = 'projectDir'): never => {
    throw new AppError('invalid_input', message, [{ path, message }]);
  };
  if (!entry) {
    const known = Object.keys(config.hosts);
    fail(`no host is named "${host}" (${known.length ? `known: ${known.join(', ')}` : 'config.json has no hosts'}); add it with \`switchboard hosts add ${host} user@machine\``, 'host');
  }
  if (inPlace) fail(IN_PLACE_REFUSED(host), 'inPlace');
  const trimmed = dir.trim();
  if (!trimmed.startsWith('/') && trimmed !== '~' && !trimmed.startsWith('~/')) fail(`project directory "${dir}" on host ${host} must be an absolute path (or start with ~/)`);
  const path = normal(trimmed);
  const roots = entry!.trustedRoots?.map(normal);
  // Roots written with ~ and paths written absolutely (or the other way round) are compared on the host.
  const comparable = roots?.filter((r) => r.startsWith('~') === path.startsWith('~')) ?? [];
  if (roots && comparable.length === roots.length && !roots.some((r) => inside(path, r))) {
    fail(`project directory not allowed: ${path} is outside host ${host}'s trusted roots (${roots.join(', ')}); add it to hosts.${host}.trustedRoots in config.json`);
  }
  return path;
}

/** Resolves the project dir on the host and checks it against the host's trusted roots there. Returns the real path. */
export async function resolveRemoteProject(host: SshHost, dir: string): Promise<string> {
  const path = await host.expand(dir);
  const r = await host.exec(`cd -P -- ${shq(path)} && pwd -P`);
  if (r.code !== 0) throw new AppError('invalid_input', `project directory ${path} does not exist on host ${host.name} (or is not a directory)`);
  const real = r.stdout.trim();
  const home = await host.home();
  const roots = await Promise.all(
    (host.config.trustedRoots ?? ['~']).map(async (root) => {
      const abs = await host.expand(root);
      const rr = await host.exec(`cd -P -- ${shq(abs)} && pwd -P`);
      return rr.code === 0 ? rr.stdout.trim() : null;
    }),
  );
  const allowed = roots.filter((x): x is string => !!x);
  const ok = host.config.trustedRoots ? allowed.some((root) => inside(real, root)) : real !== home && inside(real, home);
  if (!ok) {
    const where = host.config.trustedRoots ? `outside host ${host.name}'s trusted roots (${allowed.join(', ') || 'none of them exist'})` : `not under the remote user's home ${home}, and hosts.${host.name}.trustedRoots is not set`;
    throw new AppError('invalid_input', `project directory not allowed: ${real} is ${where}; add it to hosts.${host.name}.trustedRoots in config.json`);
  }
  return real;
}
