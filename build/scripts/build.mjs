#!/usr/bin/env node
// Builds everything `npm start` and the CLI need, into out/:
//   1. the Node side (electron/, shared/) with tsc, plus the SQL migrations beside it;
//   2. the preload as one CommonJS file (sandboxed preloads cannot load ES modules);
//   3. the renderer bundle with Vite.
// Runs from `prepare`, so a plain `npm install` leaves a working app.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const out = join(root, 'out');
const step = (name, fn) => {
  const t = Date.now();
  fn();
  console.log(`build: ${name} (${Date.now() - t} ms)`);
};

// Only `--clean` wipes out/: other processes (a running host, tests) may be using it.
if (process.argv.includes('--clean')) rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

step('node code (tsc)', () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  cpSync(join(root, 'electron/core/store/migrations'), join(out, 'electron/core/store/migrations'), { recursive: true });
  const cli = join(out, 'electron/cli/index.js');
  if (existsSync(cli)) {
    chmodSync(cli, 0o755);
  }
});

const preload = join(root, 'electron/preload/index.ts');
if (existsSync(preload)) {
  step('preload (esbuild)', () => {
    require('esbuild').buildSync({
      entryPoints: [preload],
      outfile: join(out, 'electron/preload/index.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
      sourcemap: true,
      logLevel: 'warning',
    });
  });
}

const t = Date.now();
const { build } = await import('vite');
await build({ configFile: join(root, 'build/vite.renderer.config.ts'), logLevel: 'warn' });
console.log(`build: renderer (vite) (${Date.now() - t} ms)`);
