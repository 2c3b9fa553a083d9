/** The built app (out/) for the build tests: built on demand when incomplete, as `npm test` does first. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built app to test: out/, or SWITCHBOARD_TEST_OUT to check another build without touching the shared out/. */
export const outDir = process.env.SWITCHBOARD_TEST_OUT ?? join(repoRoot, 'out');
export const BUILT_FILES = ['electron/main/index.js', 'electron/preload/index.cjs', 'electron/cli/index.js', 'renderer/index.html'];

/** Makes sure outDir holds the built app, running `npm run build` (build.mjs) if it does not. */
export function ensureBuilt(): void {
  if (BUILT_FILES.every((f) => existsSync(join(outDir, f)))) return;
  if (process.env.SWITCHBOARD_TEST_OUT) throw new Error(`SWITCHBOARD_TEST_OUT=${outDir} is not a complete build`);
  execFileSync(process.execPath, [join(repoRoot, 'build/scripts/build.mjs')], { cwd: repoRoot, stdio: 'inherit', timeout: 180_000 });
  const missing = BUILT_FILES.filter((f) => !existsSync(join(outDir, f)));
  if (missing.length) throw new Error(`npm run build did not produce ${missing.join(', ')}`);
}
