/**
 * Installs the pinned agent CLIs of pins.json into a cache outside the repository,
 * `~/.cache/switchboard/agents/<name>@<version>` (SWITCHBOARD_AGENTS_CACHE moves it), and reuses a
 * finished install. Optional dependencies are never omitted: several CLIs ship their native binary
 * through them. An install goes to `<dir>.tmp` and is renamed into place only when npm succeeded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PINS = JSON.parse(readFileSync(new URL('./pins.json', import.meta.url), 'utf8'));
export const cacheRoot = () => process.env.SWITCHBOARD_AGENTS_CACHE ?? join(homedir(), '.cache/switchboard/agents');

/** The installed executable of one pinned package (it may not exist yet). */
export function binPath(name) {
  const p = PINS.packages[name];
  return join(cacheRoot(), `${name}@${p.version}`, 'node_modules/.bin', p.bin);
}

/** Installs what is missing. Returns { name: { version, seconds, cached, error } }. */
export function installAll(names = Object.keys(PINS.packages), log = (s) => process.stdout.write(`${s}\n`)) {
  const out = {};
  mkdirSync(cacheRoot(), { recursive: true });
  for (const name of names) {
    const p = PINS.packages[name];
    const dir = join(cacheRoot(), `${name}@${p.version}`);
    if (existsSync(binPath(name))) {
      out[name] = { version: p.version, seconds: 0, cached: true, error: null };
      continue;
    }
    const started = Date.now();
    log(`installing ${p.package}@${p.version} into ${dir}`);
    rmSync(`${dir}.tmp`, { recursive: true, force: true });
    mkdirSync(`${dir}.tmp`, { recursive: true });
    writeFileSync(join(`${dir}.tmp`, 'package.json'), '{"private":true}\n');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--include=optional', `${p.package}@${p.version}`], { cwd: `${dir}.tmp`, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const seconds = (Date.now() - started) / 1000;
    if (r.status !== 0) {
      out[name] = { version: p.version, seconds, cached: false, error: `npm install ${p.package}@${p.version} failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}` };
      continue;
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(`${dir}.tmp`, dir);
    out[name] = { version: p.version, seconds, cached: false, error: existsSync(binPath(name)) ? null : `${p.package} installed no ${p.bin} executable` };
  }
  return out;
}
