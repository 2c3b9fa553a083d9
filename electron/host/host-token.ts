/**
 * The host's bearer token is kept per home in `<home>/token` (mode 0600), so a restarted host (an
 * update, `switchboard stop` then `serve`, a crash) accepts the pages and tools that were already
 * open instead of stranding them behind "Token refused". Delete the file to rotate the token; the
 * next start makes a new one.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../core/dispatch/atomic-write.js';
import { newToken } from './security.js';

/** 32 random bytes in base64url, as newToken() makes them. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function persistentToken(file: string): string {
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if (TOKEN_RE.test(saved)) return saved;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = newToken();
  writeFileAtomicSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
