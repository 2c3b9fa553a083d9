/**
 * Dispatch and callback signatures.
 *
 * A dispatch file is signed as a whole: `source_signature` is the hex HMAC-SHA256, under
 * `dispatchSecret`, of the RFC 8785 (JCS) canonical serialization of the file's JSON object without
 * its `source_signature` key. Changing any field (project_dir, callback_url, target_agent...) breaks
 * it. The README shows how to sign in a few lines.
 *
 * Outbound callbacks are signed with a key derived from the secret (HMAC-SHA256 of
 * CALLBACK_KEY_LABEL under the secret), so a callback receiver never holds what signs dispatches.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (`module.exports = serialize`) with an ESM-style .d.ts: at run time the
// default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Hex HMAC-SHA256 of `text` under `key`. */
export const hmacHex = (key: string | Buffer, text: string | Buffer): string => createHmac('sha256', key).update(text).digest('hex');

/** The canonical text a dispatch signature covers: JCS of the document without source_signature. */
export function canonicalDispatch(doc: Record<string, unknown>): string {
  const { source_signature: _omit, ...rest } = doc;
  void _omit;
  const text = canonicalize(rest);
  if (text === undefined) throw new Error('the dispatch cannot be serialized canonically');
  return text;
}

/** The signature for a dispatch document under `secret`. */
export const signDispatch = (secret: string, doc: Record<string, unknown>): string => hmacHex(secret, canonicalDispatch(doc));

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'task-only' | 'mismatch';

const normalize = (signature: string): string => signature.replace(/^sha256=/, '').toLowerCase();
const equalHex = (a: string, b: string): boolean => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/**
 * Checks a dispatch's `source_signature` against the whole document. A `sha256=` prefix and upper-case
 * hex are accepted. 'task-only' means the file was signed the old way (the HMAC of `task` alone).
 */
export function checkDispatchSignature(secret: string, doc: Record<string, unknown>): SignatureCheck {
  const raw = doc.source_signature;
  if (raw == null || raw === '') return 'missing';
  if (typeof raw !== 'string') return 'malformed';
  const given = normalize(raw);
  if (!/^[0-9a-f]{64}$/.test(given)) return 'malformed';
  let expected: string;
  try {
    expected = signDispatch(secret, doc);
  } catch {
    return 'malformed';
  }
  if (equalHex(given, expected)) return 'ok';
  if (typeof doc.task === 'string' && equalHex(given, hmacHex(secret, doc.task))) return 'task-only';
  return 'mismatch';
}

/** Labels the callback key, so that it can never equal a dispatch signature's key. */
export const CALLBACK_KEY_LABEL = 'switchboard callback signing key v1';

/** The key outbound callbacks are signed with: derived from the secret, never the secret itself. */
export const callbackKey = (secret: string): Buffer => createHmac('sha256', secret).update(CALLBACK_KEY_LABEL).digest();

/** `sha256=<hex>` for the X-Switchboard-Signature header of a callback body. */
export const signCallback = (secret: string, body: string | Buffer): string => `sha256=${hmacHex(callbackKey(secret), body)}`;
