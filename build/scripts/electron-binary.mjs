// Finds the Electron binary the way the `electron` package does, without its side effects:
// `require('electron')` itself starts a noisy, unbounded download when the binary is missing.
// Also tries that download once (bounded, quiet) through the package's own install.js.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The folder of the installed `electron` package, or null. */
export function electronPackageDir(fromDir) {
  try {
    return dirname(createRequire(join(fromDir, 'noop.js')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** { path } when the binary is there, else { reason } saying why not (short, for one line). */
export function findElectron(pkgDir, env = process.env) {
  if (!pkgDir) return { reason: 'the electron package is not installed' };
  let rel = null;
  try {
    rel = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {}
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
    return existsSync(p) ? { path: p } : { reason: `no binary at ELECTRON_OVERRIDE_DIST_PATH (${p})` };
  }
  if (!rel) return { reason: 'its binary was never downloaded' };
  const p = join(pkgDir, 'dist', rel);
  return existsSync(p) ? { path: p } : { reason: `its binary is missing from ${join(pkgDir, 'dist')}` };
}

/** Runs the electron package's install.js once, quietly, for at most timeoutMs. Returns why it failed, or null. */
export function tryInstallElectron(pkgDir, { timeoutMs = 120_000, env = process.env, nodePath = process.execPath } = {}) {
  const script = join(pkgDir, 'install.js');
  if (!existsSync(script)) return 'its install.js is missing';
  const r = spawnSync(nodePath, [script], { cwd: pkgDir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, encoding: 'utf8' });
  if (r.error?.code === 'ETIMEDOUT' || r.signal) return `the download did not finish within ${Math.round(timeoutMs / 1000)} s`;
  if (r.error) return `could not run its installer: ${r.error.message}`;
  if (r.status === 0) return null;
  return `the download failed: ${firstErrorLine(`${r.stderr}\n${r.stdout}`)}`;
}

/** "TypeError: fetch failed\n    at ..." -> "fetch failed". */
export function firstErrorLine(text) {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !/^npm (warn|notice)/i.test(l));
  if (!line) return 'no error message';
  const msg = line.replace(/^(?:\w*Error|Error):\s*/, '');
  return msg.length > 120 ? `${msg.slice(0, 119)}…` : msg;
}
