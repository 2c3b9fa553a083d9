/**
 * electron/main never runs the core (issue 13): the lint rule refuses a run-time import of electron/core
 * from electron/main while allowing type-only ones, and main's whole module graph, followed the way a
 * bundler does, loads nothing of the core but its home-path helpers (electron/core/home.ts, through the
 * CLI's daemon client).
 */
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('electron/main stays off the core', () => {
  it('lint refuses a run-time import of electron/core in electron/main, and allows a type-only one', async () => {
    const eslint = new ESLint({ cwd: root });
    const lint = async (code: string) => (await eslint.lintText(code, { filePath: `${root}/electron/main/probe.ts` }))[0].messages.map((m) => m.ruleId);
    expect(await lint("import { createCore } from '../core/create-core.js';\nexport const f = createCore;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint("import { startHeadless } from '../host/serve.js';\nexport const f = startHeadless;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await lint("import type { Core } from '../core/create-core.js';\nexport type C = Core;\n")).not.toContain('@typescript-eslint/no-restricted-imports');
  }, 60_000);

  it("main's module graph loads no core module but home.ts", async () => {
    const result = await build({
      entryPoints: [`${root}/electron/main/index.ts`],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('electron/main/shell.ts');
    expect(inputs.filter((f) => f.startsWith('electron/core/'))).toEqual(['electron/core/home.ts']);
  }, 60_000);
});
