import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectron, firstErrorLine, tryInstallElectron } from '../../build/scripts/electron-binary.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
/** A stand-in electron package with the given install.js body. */
function fakePackage(install = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-electron-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'install.js'), install);
  return dir;
}
const env = {} as NodeJS.ProcessEnv;

describe('finding the Electron binary', () => {
  it('finds it through path.txt and dist/, and says why not otherwise', () => {
    const pkg = fakePackage();
    expect(findElectron(null, env).reason).toMatch(/not installed/);
    expect(findElectron(pkg, env).reason).toMatch(/never downloaded/);
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectron(pkg, env).reason).toMatch(/missing/);
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(findElectron(pkg, env).path).toBe(join(pkg, 'dist', 'electron'));
    expect(findElectron(pkg, { ELECTRON_OVERRIDE_DIST_PATH: join(pkg, 'nowhere') }).reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
  });

  it('tries the package installer once and reports its error in a few words', () => {
    const pkg = fakePackage('console.error("TypeError: fetch failed\\n    at download (x.js:1:1)"); process.exit(1);');
    expect(tryInstallElectron(pkg, { env: process.env })).toBe('the download failed: fetch failed');
  });

  it('gives up on an installer that hangs', () => {
    const pkg = fakePackage('setTimeout(() => {}, 60000);');
    const t = Date.now();
    expect(tryInstallElectron(pkg, { env: process.env, timeoutMs: 500 })).toMatch(/did not finish within/);
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('finds the binary an installer put in place', () => {
    const pkg = fakePackage(
      'const fs = require("fs"); fs.mkdirSync(__dirname + "/dist"); fs.writeFileSync(__dirname + "/dist/electron", ""); fs.writeFileSync(__dirname + "/path.txt", "electron");',
    );
    expect(tryInstallElectron(pkg, { env: process.env })).toBeNull();
    expect(findElectron(pkg, env).path).toBe(join(pkg, 'dist', 'electron'));
  });

  it('skips stack frames and npm noise when summarising an error', () => {
    expect(firstErrorLine('npm warn Unknown user config\nError: getaddrinfo ENOTFOUND github.com\n  at x')).toBe('getaddrinfo ENOTFOUND github.com');
    expect(firstErrorLine('')).toBe('no error message');
  });
});
