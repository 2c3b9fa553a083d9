import { realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.js';

/** A fresh home whose config.json trusts the temp folder, so temp projects may be used. */
export function newHome(config: Record<string, unknown> = {}): string {
  const home = tempDir();
  writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [realpathSync(tmpdir())], ...config }));
  return home;
}

/** The project's fake `claude` (test/fixtures/fake-claude.mjs): the task text is its script. */
export const FAKE_CLAUDE = fileURLToPath(new URL('../fixtures/fake-claude.mjs', import.meta.url));
