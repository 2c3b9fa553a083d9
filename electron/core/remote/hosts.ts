/**
 * The hosts of config.json (issue 14), one SshHost each, rebuilt when its entry changes, plus the
 * checks `switchboard hosts test` and `doctor --host` print: reachable and logged in, git, the
 * remote state folder, the worktree root, the trusted roots, and each agent's command.
 */
import { posix } from 'node:path';
import type { HostCheck, HostTestResult } from '../../../shared/models/host.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError } from '../errors.js';
import { controlDirFor, shq } from './ssh-command.js';
import { createSshHost, type SshHost } from './ssh-host.js';

export interface Hosts {
  /** The host named `name`; throws a readable not_found naming the configured ones. */
  get(name: string): SshHost;
  names(): string[];
  /** Runs every check against the host; never throws for the host's own failures. */
  test(name: string, agentCommands: { name: string; command: string }[]): Promise<HostTestResult>;
  /** The host's worktree root, expanded on the host. */
  worktreeRoot(host: SshHost): Promise<string>;
  dispose(): Promise<void>;
}

export interface HostsDeps {
  config: ConfigService;
  /** Switchboard's home: the control sockets live under it (or in a short /tmp folder). */
  home: string;
}

export function createHosts(deps: HostsDeps): Hosts {
  const controlDir = controlDirFor(deps.home);
  const built = new Map<string, { key: string; host: SshHost }>();

  const get = (name: string): SshHost => {
    const cfg = deps.config.get().hosts[name];
    if (!cfg) {
      const known = Object.keys(deps.config.get().hosts);
      throw new AppError('not_found', `no host is named "${name}" (${known.length ? `known: ${known.join(', ')}` : 'config.json has no hosts'}); add it with \`switchboard hosts add ${name} user@machine\``);
    }
    const key = JSON.stringify(cfg);
    const have = built.get(name);
    if (have?.key === key) return have.host;
    if (have) void have.host.dispose();
    const host = createSshHost({ name, config: cfg, controlDir });
    built.set(name, { key, host });
    return host;
  };

  const worktreeRoot = async (host: SshHost): Promise<string> =>
    host.expand(host.config.worktreeRoot ?? posix.join('~', '.switchboard', 'worktrees'));

  const test = async (name: string, agents: { name: string; command: string }[]): Promise<HostTestResult> => {
    const host = get(name);
    const checks: HostCheck[] = [];
    const add = (n: string, ok: boolean, detail: string) => checks.push({ name: n, ok, detail });
    const done = (): HostTestResult => ({ name, ok: checks.every((c) => c.ok || c.name.startsWith('agent ')), checks });
    try {
      const r = await host.exec('printf "%s\\n%s\\n" "$(id -un)" "$(uname -sm)"', { timeoutMs: 30_000 });
      const [user, system] = r.stdout.split('\n');
      add('connect', r.code === 0, r.code === 0 ? `logged in as ${user} (${system}) with ${host.config.ssh}` : r.stderr.trim());
    } catch (err) {
      add('connect', false, (err as Error).message);
      return done();
    }
    const git = await host.exec('command -v git >/dev/null 2>&1 && git --version');
    add('git', git.code === 0, git.code === 0 ? git.stdout.trim() : `git is not installed on host ${name} (or not on the PATH ssh commands get there); install git on it`);
    try {
      add('state folder', true, await host.stateDir());
    } catch (err) {
      add('state folder', false, (err as Error).message);
    }
    const root = await worktreeRoot(host);
    const mk = await host.exec(`mkdir -p -- ${shq(root)} && [ -w ${shq(root)} ]`);
    add('worktree root', mk.code === 0, mk.code === 0 ? root : `cannot create or write ${root} on host ${name}: ${mk.stderr.trim() || 'not writable'}; set hosts.${name}.worktreeRoot`);
    for (const r of host.config.trustedRoots ?? []) {
      const path = await host.expand(r);
      const ok = (await host.exec(`[ -d ${shq(path)} ]`)).code === 0;
      add(`trusted root ${r}`, ok, ok ? path : `${path} is not a directory on host ${name}; fix hosts.${name}.trustedRoots`);
    }
    for (const a of agents) {
      const found = await host.exec(`command -v ${shq(a.command)}`);
      add(`agent ${a.name}`, found.code === 0, found.code === 0 ? found.stdout.trim() : `\`${a.command}\` is not on host ${name}'s PATH: install it there, or set agents.${a.name}.command to its full path`);
    }
    return done();
  };

  return {
    get,
    names: () => Object.keys(deps.config.get().hosts),
    test,
    worktreeRoot,
    async dispose() {
      await Promise.all([...built.values()].map((b) => b.host.dispose()));
      built.clear();
    },
  };
}
