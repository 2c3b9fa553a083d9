/**
 * What `switchboard doctor` checks. The native modules are loaded in a child process of the same
 * runtime, so a module built for another ABI (or one that crashes, like better-sqlite3 13 on Node 20)
 * is reported instead of taking the CLI down.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createConfigService, parseConfig } from '../core/config/config-service.js';
import { systemClock } from '../core/clock.js';
import { createAgentRegistry } from '../core/runners/agent-registry.js';
import { createHosts } from '../core/remote/hosts.js';
import { homePaths } from '../core/home.js';
import { findLiveServer } from '../host/server-info.js';

export interface Check {
  name: string;
  ok: boolean;
  /** A failed essential check makes doctor exit 1. */
  essential: boolean;
  detail: string;
}

/** Why this Node cannot run Switchboard (better-sqlite3 13 crashes on Node 20), or null when it can. */
export function runtimeProblem(nodeVersion = process.versions.node): string | null {
  const [major, minor] = nodeVersion.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return null;
  return `Switchboard needs Node 22.12 or newer, and this is Node v${nodeVersion}: run it as \`npx switchboard ...\` (npm brings its own Node 22), or install Node 22`;
}

export function checkRuntime(): Check {
  const problem = runtimeProblem();
  return { name: 'runtime', ok: !problem, essential: false, detail: problem ?? `Node ${process.version}` };
}

export function checkGit(env: NodeJS.ProcessEnv): Check {
  try {
    const version = execFileSync('git', ['--version'], { env, encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    return { name: 'git', ok: true, essential: true, detail: version };
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return { name: 'git', ok: false, essential: true, detail: missing ? 'git is not on PATH: install git (it runs every task in a worktree)' : `git --version failed: ${(err as Error).message}` };
  }
}

const NATIVE_SCRIPTS: Record<string, (modulePath: string) => string> = {
  'better-sqlite3': (p) => `
    const D = require(${JSON.stringify(p)}), fs = require('fs'), os = require('os'), path = require('path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-doctor-'));
    try {
      const db = new D(path.join(dir, 'check.db'));
      db.pragma('journal_mode = WAL');
      const v = db.prepare('SELECT sqlite_version() AS v').get().v;
      db.close();
      console.log('loads, SQLite ' + v);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }`,
  'node-pty': (p) => `
    const pty = require(${JSON.stringify(p)});
    const term = pty.spawn('/bin/sh', ['-c', 'exit 0'], { cols: 80, rows: 24 });
    term.onExit((e) => { console.log('loads, opened a terminal'); process.exit(e.exitCode); });`,
};

export function checkNativeModule(name: keyof typeof NATIVE_SCRIPTS & string): Check {
  let modulePath: string;
  try {
    modulePath = createRequire(import.meta.url).resolve(name);
  } catch {
    return { name, ok: false, essential: true, detail: `${name} is not installed: run npm install` };
  }
  const result = spawnSync(process.execPath, ['-e', NATIVE_SCRIPTS[name](modulePath)], { encoding: 'utf8', timeout: 15_000, cwd: dirname(modulePath) });
  if (result.status === 0) return { name, ok: true, essential: true, detail: result.stdout.trim() };
  if (result.signal) {
    return { name, ok: false, essential: true, detail: `crashed with ${result.signal} under Node ${process.version}: run Switchboard with Node 22.12 or newer` };
  }
  const lines = result.stderr.trim().split('\n');
  const why = lines.find((l) => /Error/.test(l)) ?? lines[0] ?? `exit ${result.status}`;
  return { name, ok: false, essential: true, detail: `${why}; reinstall it with \`npm install\` (or \`npm rebuild ${name}\`) for this runtime` };
}

/**
 * Every agent config.json defines (built-ins merged with its `agents`), checked by the same registry
 * that `switchboard agents` and the scheduler use: presence on PATH, then the version probe.
 * An invalid config.json falls back to the built-ins (checkConfig reports it).
 */
export async function checkAgents(home: string, env: NodeJS.ProcessEnv): Promise<Check[]> {
  const config = createConfigService(homePaths(home).config, { watch: false });
  const registry = createAgentRegistry({ config, clock: systemClock, env });
  try {
    const agents = await registry.list({ refresh: true });
    return agents.map((a) => {
      const detail = !a.available ? (a.reason ?? 'unavailable') : [a.path, a.version, a.reason].filter(Boolean).join(' · ');
      return { name: `agent ${a.name}`, ok: a.available, essential: false, detail };
    });
  } finally {
    registry.dispose();
    config.dispose();
  }
}

/**
 * `doctor --host NAME` (issue 14): the host's checks (hosts.test: login, git, folders, trusted roots,
 * every agent's command on its PATH), run from this process with the home's config.json.
 */
export async function checkHost(home: string, env: NodeJS.ProcessEnv, name: string): Promise<Check[]> {
  const config = createConfigService(homePaths(home).config, { watch: false });
  const registry = createAgentRegistry({ config, clock: systemClock, env });
  const hosts = createHosts({ config, home });
  try {
    const agents = registry.names().map((n) => registry.resolve(n)).filter((a): a is NonNullable<typeof a> => !!a && !a.disabled);
    const result = await hosts.test(name, agents.map((a) => ({ name: a.name, command: a.command })));
    return result.checks.map((c) => ({ name: `host ${name}: ${c.name}`, ok: c.ok, essential: !c.name.startsWith('agent '), detail: c.detail }));
  } catch (err) {
    return [{ name: `host ${name}`, ok: false, essential: true, detail: (err as Error).message }];
  } finally {
    await hosts.dispose();
    registry.dispose();
    config.dispose();
  }
}

export function checkHome(home: string): Check {
  const name = 'home';
  if (existsSync(home)) {
    const probe = join(home, `.doctor-${process.pid}.tmp`);
    try {
      writeFileSync(probe, 'ok');
      rmSync(probe, { force: true });
      return { name, ok: true, essential: true, detail: `${home} is writable` };
    } catch (err) {
      return { name, ok: false, essential: true, detail: `cannot write in ${home}: ${(err as Error).message}. Fix its permissions or use another --home` };
    }
  }
  let parent = dirname(home);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try {
    if (!statSync(parent).isDirectory()) throw new Error(`${parent} is not a directory`);
    accessSync(parent, constants.W_OK);
    return { name, ok: true, essential: true, detail: `${home} does not exist yet; it will be created (under ${parent})` };
  } catch (err) {
    return { name, ok: false, essential: true, detail: `${home} cannot be created: ${(err as Error).message}. Use another --home` };
  }
}

export function checkConfig(home: string): Check {
  const file = homePaths(home).config;
  if (!existsSync(file)) return { name: 'config', ok: true, essential: true, detail: `no ${file}; using the defaults` };
  try {
    const result = parseConfig(readFileSync(file, 'utf8'), file);
    return result.ok ? { name: 'config', ok: true, essential: true, detail: `${file} is valid` } : { name: 'config', ok: false, essential: true, detail: result.error };
  } catch (err) {
    return { name: 'config', ok: false, essential: true, detail: `cannot read ${file}: ${(err as Error).message}` };
  }
}

export function checkInstance(home: string): Check {
  const info = findLiveServer(homePaths(home).serverInfo);
  return { name: 'instance', ok: true, essential: false, detail: info ? `running at ${info.url} (pid ${info.pid})` : 'not running (start it with `switchboard serve`)' };
}

export async function runChecks(home: string, env: NodeJS.ProcessEnv, host?: string): Promise<Check[]> {
  if (host) return [checkConfig(home), ...(await checkHost(home, env, host))];
  return [
    checkRuntime(),
    checkGit(env),
    checkNativeModule('better-sqlite3'),
    checkNativeModule('node-pty'),
    checkHome(home),
    checkConfig(home),
    checkInstance(home),
    ...(await checkAgents(home, env)),
  ];
}
