#!/usr/bin/env node
// `npm start`: builds out/ if needed, then launches the Electron app. Where Electron cannot run (no
// binary and it cannot be fetched, or no display), it says so in one line and starts the headless
// host instead, which prints its URL. Flags: --home DIR (both), --port N (headless only), --hidden.
// SWITCHBOARD_HEADLESS=1 skips Electron on purpose.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, findElectron, tryInstallElectron } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const env = process.env;

const NEEDED = ['out/electron/main/index.js', 'out/electron/preload/index.cjs', 'out/electron/cli/index.js', 'out/renderer/index.html'];
if (!NEEDED.every((f) => existsSync(join(root, f)))) {
  const r = spawnSync(process.execPath, [join(root, 'build/scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('switchboard: the build failed (see above); fix it and run npm start again.');
    process.exit(1);
  }
}

/**
 * Runs a child in the foreground: its exit becomes ours, and each signal we get reaches it exactly
 * once. The child has its own process group, so a Ctrl+C (which the terminal sends to our whole
 * group, and npm forwards again) does not arrive twice and cut its clean shutdown short; a repeat
 * more than a second later is passed on (a second Ctrl+C forces the stop).
 */
function foreground(cmd, argv, childEnv) {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit', env: childEnv, detached: process.platform !== 'win32' });
  const last = new Map();
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(s, () => {
      const now = Date.now();
      if (now - (last.get(s) ?? -Infinity) < 1000) return;
      last.set(s, now);
      if (child.exitCode === null) child.kill(s);
    });
  }
  child.on('error', (err) => {
    console.error(`switchboard: could not start ${cmd}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1)));
}
const signalNumber = (s) => ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 })[s];

/** { path } of the Electron binary, or { reason } it cannot run here (one attempt to fetch it first). */
function electronUnavailable() {
  if (env.SWITCHBOARD_HEADLESS && env.SWITCHBOARD_HEADLESS !== '0') return { reason: 'SWITCHBOARD_HEADLESS is set' };
  const pkg = electronPackageDir(root);
  let found = findElectron(pkg, env);
  if (found.path) return found;
  if (pkg && !env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    const failure = tryInstallElectron(pkg, { env });
    found = findElectron(pkg, env);
    if (found.path) return found;
    return { reason: `no Electron binary, and ${failure ?? found.reason}` };
  }
  return { reason: `no Electron binary: ${found.reason}` };
}

const found = electronUnavailable();
const noDisplay = process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
if (found.path && !noDisplay) {
  const childEnv = { ...env };
  delete childEnv.ELECTRON_RUN_AS_NODE;
  foreground(found.path, [root, ...args], childEnv);
} else {
  const reason = found.path ? 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' : found.reason;
  console.log(`switchboard: Electron is not available here (${reason}); starting the headless host instead.`);
  foreground(process.execPath, [join(root, 'out/electron/cli/index.js'), 'serve', ...serveArgs(args)], env);
}

/** Keeps the flags `serve` understands (--home, --port, --host); drops Electron-only ones. */
function serveArgs(argv) {
  const keep = ['--home', '--port', '--host'];
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (keep.includes(a) && i + 1 < argv.length) out.push(a, argv[++i]);
    else if (keep.some((k) => a.startsWith(`${k}=`))) out.push(a);
  }
  return out;
}
