/**
 * `npm start` where the Electron binary is missing (as here): one line says so, then the headless
 * host starts and prints its URL; SIGTERM stops it. Runs a staged copy so the shared out/ is untouched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronPackageDir, findElectron } from '../../build/scripts/electron-binary.mjs';
import { ensureBuilt, outDir, repoRoot } from './built-app.js';

const NOTICE = /^switchboard: Electron is not available here \((.+)\); starting the headless host instead\.$/;
const binaryPresent = Boolean(findElectron(electronPackageDir(repoRoot)).path);
let work: string;

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'sb-start-'));
  mkdirSync(join(work, 'app/build/scripts'), { recursive: true });
  for (const f of ['start.mjs', 'electron-binary.mjs', 'build.mjs']) cpSync(join(repoRoot, 'build/scripts', f), join(work, 'app/build/scripts', f));
  cpSync(join(repoRoot, 'package.json'), join(work, 'app/package.json'));
  cpSync(outDir, join(work, 'app/out'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(work, 'app/node_modules'), 'dir');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [join(work, 'app/build/scripts/start.mjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const waitFor = (re: RegExp, ms = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const t = setInterval(() => {
        const m = out.match(re);
        if (m) done(() => resolve(m));
        else if (child.exitCode !== null) done(() => reject(new Error(`start.mjs exited ${child.exitCode}\n${out}\n${err}`)));
      }, 50);
      const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${re}\n${out}\n${err}`))), ms);
      const done = (f: () => void) => {
        clearInterval(t);
        clearTimeout(timer);
        f();
      };
    });
  return { child, waitFor, output: () => out, errors: () => err };
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code))));

describe('npm start without an Electron binary', () => {
  it.skipIf(binaryPresent)('says so in one line, then serves headless and prints the URL', async () => {
    const home = join(work, 'home');
    const env = { ...process.env };
    delete env.SWITCHBOARD_HEADLESS;
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const s = start(['--home', home, '--port', '0', '--hidden'], env);
    try {
      const [url] = await s.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      const lines = s.output().split('\n');
      expect(lines[0]).toMatch(NOTICE);
      expect(lines.filter((l) => /Electron/.test(l))).toHaveLength(1);
      expect(existsSync(join(home, 'server.json'))).toBe(true);
      const res = await fetch(new URL('/api/app.status', url), { method: 'POST', body: '{}' });
      expect(res.status).toBe(401);
    } finally {
      s.child.kill('SIGTERM');
    }
    expect(await exited(s.child)).toBe(0);
    expect(existsSync(join(home, 'server.json'))).toBe(false);
  });

  it('goes headless on purpose with SWITCHBOARD_HEADLESS=1, and a doubled Ctrl+C still stops it cleanly', async () => {
    const home = join(work, 'home2');
    const s = start(['--home', home, '--port', '0'], { ...process.env, SWITCHBOARD_HEADLESS: '1' });
    await s.waitFor(/http:\/\/127\.0\.0\.1:\d+/);
    expect(s.output().split('\n')[0]).toBe('switchboard: Electron is not available here (SWITCHBOARD_HEADLESS is set); starting the headless host instead.');
    // The terminal and npm both deliver Ctrl+C: the host must see it once and shut down cleanly.
    s.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 5));
    s.child.kill('SIGINT');
    expect(await exited(s.child)).toBe(0);
    expect(existsSync(join(home, 'server.json'))).toBe(false);
  });
});
