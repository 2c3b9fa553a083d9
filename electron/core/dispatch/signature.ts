import { createHmac, timingSafeEqual } from 'node:crypto';
import canonicalizeCjs from 'canonicalize';

// A CommonJS module whose typings declare an ES default export: under NodeNext the default import is
// module.exports itself, the function.
const canonicalize = canonicalizeCjs as unknown as (input: unknown) => string | undefined;

/** Hex HMAC-SHA256 of `text` under `secret`. */
export const hmacHex = (secret: string | Buffer, text: string | Buffer): string => createHmac('sha256', secret).update(text).digest('hex');

/** The bytes a dispatch signature covers: the RFC 8785 (JCS) form of the document without `source_signature`. */
export function canonicalDispatch(doc: Record<string, unknown>): string {
  const rest: Record<string, unknown> = { ...doc };
  delete rest.source_signature;
  return canonicalize(rest) ?? '';
}

/** A dispatch's `source_signature`: hex HMAC-SHA256 under `dispatchSecret` of its canonical (JCS) form. */
export const signDispatch = (secret: string, doc: Record<string, unknown>): string => hmacHex(secret, canonicalDispatch(doc));

/** How a writer signs a dispatch, for error messages. */
export const HOW_TO_SIGN =
  'source_signature must be the hex HMAC-SHA256, under dispatchSecret, of the RFC 8785 (JCS) serialization of the whole file without source_signature (see "Signed dispatches" in the README)';

export type SignatureCheck = 'ok' | 'missing' | 'mismatch' | 'task_only';

const equalHex = (given: string, expected: string): boolean => timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));

/**
 * Checks a dispatch's `source_signature` against the canonical document. A `sha256=` prefix and
 * upper-case hex are accepted. `task_only` marks a file signed the old way (HMAC of `task` alone),
 * which no longer counts: it bound nothing else in the file.
 */
export function checkDispatchSignature(secret: string, doc: Record<string, unknown>): SignatureCheck {
  const raw = doc.source_signature;
  if (raw == null || raw === '') return 'missing';
  if (typeof raw !== 'string') return 'mismatch';
  const given = raw.replace(/^sha256=/, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return 'mismatch';
  if (equalHex(given, signDispatch(secret, doc))) return 'ok';
  if (typeof doc.task === 'string' && equalHex(given, hmacHex(secret, doc.task))) return 'task_only';
  return 'mismatch';
}

/** The key outbound callbacks are signed with: derived from the secret, so the secret itself never signs traffic. */
export const callbackKey = (secret: string): Buffer => createHmac('sha256', secret).update('switchboard-callback-v1').digest();
