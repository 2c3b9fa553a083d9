import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's root folder (where package.json is), from source, from out/ and from inside an asar. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'switchboard') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find Switchboard package.json');
}

let cached: string | undefined;
export function appVersion(): string {
  cached ??= JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')).version as string;
  return cached;
}
