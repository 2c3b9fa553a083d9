/**
 * `npm run dist`'s config, checked offline: electron-builder --linux dir against a stand-in Electron
 * dist (a file carrying the fuse sentinel, so the fuses really get flipped), on a staged copy of the
 * built app. Then: app.asar holds main, preload, CLI and renderer; the native modules sit unpacked
 * beside it; and the packaged binary's fuses disable the inspector and NODE_OPTIONS, and keep runAsNode
 * (the app starts its daemon as its own binary run as Node, detached, so the daemon outlives a Quit).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, outDir, repoRoot } from './built-app.js';

const require = createRequire(import.meta.url);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, fuse wire v1: runAsNode, cookieEncryption, nodeOptions, inspect, asarIntegrity, onlyAsar, v8Snapshot, fileProtocol.
const DEFAULT_WIRE = '10110001';

let work: string;
let unpacked: string;

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'sb-pack-'));
  // Stage the app: others may rebuild out/ while this runs.
  const stage = join(work, 'app');
  mkdirSync(join(stage, 'build'), { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) cpSync(join(repoRoot, f), join(stage, f));
  cpSync(join(repoRoot, 'build/electron-builder.yml'), join(stage, 'build/electron-builder.yml'));
  cpSync(join(repoRoot, 'build/icons'), join(stage, 'build/icons'), { recursive: true });
  cpSync(outDir, join(stage, 'out'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');

  const dist = join(work, 'electron-dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'electron'), `#!/bin/sh\n# stand-in for the Electron binary\n${SENTINEL}\x01\x08${DEFAULT_WIRE}\n`, { mode: 0o755 });
  writeFileSync(join(dist, 'version'), '45.4.1');
  writeFileSync(join(dist, 'LICENSE'), 'MIT');

  const output = join(work, 'release');
  await promisify(execFile)(
    process.execPath,
    [require.resolve('electron-builder/cli.js'), '--projectDir', stage, '--config', 'build/electron-builder.yml', '--linux', 'dir', '--publish', 'never', `-c.electronDist=${dist}`, `-c.directories.output=${output}`],
    { cwd: stage, timeout: 120_000 },
  );
  unpacked = join(output, 'linux-unpacked');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packaging (electron-builder --linux dir)', () => {
  it('puts the built main, preload, CLI and renderer in app.asar, without source maps', async () => {
    const asar = require('@electron/asar') as { listPackage(p: string, o: object): string[] };
    const files = asar.listPackage(join(unpacked, 'resources/app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    for (const f of [
      '/package.json',
      '/out/electron/main/index.js',
      '/out/electron/main/shell.js',
      '/out/electron/preload/index.cjs',
      '/out/electron/cli/index.js',
      '/out/electron/core/create-core.js',
      '/out/electron/core/store/migrations/001-init.sql',
      '/out/renderer/index.html',
      '/node_modules/zod/package.json',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('/out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.d.ts'))).toEqual([]);
    expect(files.some((f) => f.startsWith('/node_modules/electron/'))).toBe(false);
    expect(files.some((f) => f.startsWith('/node_modules/vite/'))).toBe(false);
  });

  it('unpacks the native modules beside app.asar', () => {
    const modules = join(unpacked, 'resources/app.asar.unpacked/node_modules');
    expect(existsSync(join(modules, `better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`))).toBe(true);
    expect(existsSync(join(modules, 'node-pty/build/Release/pty.node'))).toBe(true);
    expect(existsSync(join(modules, 'better-sqlite3/deps'))).toBe(false);
    expect(existsSync(join(modules, 'node-pty/third_party'))).toBe(false);
  });

  it('flips the fuses: no inspector, no NODE_OPTIONS, app only from app.asar; runAsNode kept for the daemon', () => {
    const bin = readFileSync(join(unpacked, 'switchboard'));
    const at = bin.indexOf(SENTINEL) + SENTINEL.length;
    const wire = bin.subarray(at + 2, at + 2 + 8).toString('latin1');
    expect(wire[0]).toBe('1'); // runAsNode: the detached daemon
    expect(wire[2]).toBe('0'); // NODE_OPTIONS
    expect(wire[3]).toBe('0'); // --inspect
    expect(wire[5]).toBe('1'); // onlyLoadAppFromAsar
    expect(wire[7]).toBe('0'); // file:// extra privileges
  });
});
