import { realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';

/** A fresh home whose config.json trusts the temp folder, so temp projects may be used. */
export function newHome(): string {
  const home = tempDir();
  writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [realpathSync(tmpdir())] }));
  return home;
}
