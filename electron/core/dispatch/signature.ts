import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of `text` under `secret`. */
export const hmacHex = (secret: string, text: string | Buffer): string => createHmac('sha256', secret).update(text).digest('hex');

/**
 * Checks a dispatch's `source_signature`: the hex HMAC-SHA256 of its `task` under `dispatchSecret`.
 * A `sha256=` prefix and upper-case hex are accepted.
 */
export function verifyTaskSignature(secret: string, task: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const given = signature.replace(/^sha256=/, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(hmacHex(secret, task), 'hex'));
}
