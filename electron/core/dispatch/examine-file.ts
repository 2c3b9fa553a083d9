import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import {
  DISPATCH_MAX_BYTES,
  DISPATCH_MAX_DEPTH,
  Dispatch,
  tooDeepField,
  describeIssues,
  describeValue,
  readableDispatchId,
  type FieldProblem,
  type RejectionReason,
} from '../../../shared/models/dispatch.js';
import { expandTilde } from '../home.js';
import { dispatchHash } from './dispatch-request.js';
import { checkDispatchSignature, type SignatureCheck } from './signature.js';
import { refusedCallbackUrl } from './callback-policy.js';
import type { TrustPolicy } from './trust.js';

/** Why a file goes to rejected/, in words a person can act on. */
export interface Rejection {
  reason: RejectionReason;
  message: string;
  errors: FieldProblem[];
  /** The file's id when it is readable: it gets a `failed` completion report. */
  dispatchId: string | null;
  /** Where to POST that report, only when the file is as trusted as an accepted one would be. */
  callbackUrl: string | null;
  /** The parsed document, when the file was JSON (for the report's fields). */
  doc?: Record<string, unknown>;
}

export type Examination =
  | { kind: 'gone' }
  /** Not (yet) valid JSON: maybe still being written. The caller retries until it parses or goes stale. */
  | { kind: 'unparsed'; error: string; size: number; mtimeMs: number }
  | { kind: 'rejected'; rejection: Rejection }
  /** `ino` identifies the file that was read, so the one moved later is known to be the same. */
  | { kind: 'valid'; dispatch: Dispatch; hash: string; realDir: string; ino?: number };

export interface ExamineOptions {
  secret?: string;
  trust: TrustPolicy;
  /** config.json's callbackAllow: private callback addresses that are allowed. */
  callbackAllow?: readonly string[];
  /** Project directories already resolved in this batch (a burst mostly names the same few). */
  dirCache?: Map<string, string | 'missing' | 'not a directory'>;
}

/** The real path of an existing directory, or what is wrong with it. */
function resolveDir(expanded: string): string | 'missing' | 'not a directory' {
  try {
    const real = realpathSync.native(expanded);
    return statSync(real).isDirectory() ? real : 'not a directory';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'not a directory' : 'missing';
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const reject = (reason: RejectionReason, message: string, errors: FieldProblem[] = [], dispatchId: string | null = null, callbackUrl: string | null = null): Examination => ({
  kind: 'rejected',
  rejection: { reason, message, errors, dispatchId, callbackUrl },
});

function kindOf(path: string): string {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s?.isDirectory() ? 'a directory' : s?.isFIFO() ? 'a named pipe' : s?.isSocket() ? 'a socket' : 'a symbolic link';
  } catch {
    return 'a symbolic link';
  }
}

/** Reads one file from an inbox and says what it is. Never follows a symlink, never blocks on a pipe. */
export function examineDispatchFile(path: string, opts: ExamineOptions): Examination {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'gone' };
    if (code === 'ELOOP') return reject('not_regular_file', `${path} is a symbolic link, not a regular file`, [{ field: '(file)', expected: 'a regular file', got: 'a symbolic link' }]);
    throw err;
  }
  let buf: Buffer;
  let read = 0;
  let size: number;
  let mtimeMs: number;
  let ino: number;
  try {
    const st = fstatSync(fd);
    size = st.size;
    mtimeMs = st.mtimeMs;
    ino = st.ino;
    if (!st.isFile()) {
      const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : kindOf(path);
      return reject('not_regular_file', `${path} is ${kind}, not a regular file`, [{ field: '(file)', expected: 'a regular file', got: kind }]);
    }
    if (size > DISPATCH_MAX_BYTES) {
      return reject('too_large', `${path} is ${size} bytes; a dispatch file may be at most ${DISPATCH_MAX_BYTES} bytes (1 MiB)`, [
        { field: '(file)', expected: `at most ${DISPATCH_MAX_BYTES} bytes`, got: `${size} bytes` },
      ]);
    }
    buf = Buffer.allocUnsafe(size);
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  let text: string;
  try {
    text = UTF8.decode(buf.subarray(0, read)); // strict: foreign bytes are refused, never silently replaced
  } catch {
    return { kind: 'unparsed', error: 'the file is not UTF-8 text (dispatch files are JSON in UTF-8)', size, mtimeMs };
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { kind: 'unparsed', error: (err as Error).message, size, mtimeMs };
  }
  const result = examineDocument(raw, opts);
  if (result.kind === 'rejected' && raw && typeof raw === 'object' && !Array.isArray(raw)) result.rejection.doc = raw as Record<string, unknown>;
  if (result.kind === 'valid') result.ino = ino;
  return result;
}

const SIGNATURE_PROBLEMS: Record<SignatureCheck, string> = {
  ok: 'a valid signature',
  missing: 'nothing (the file is unsigned)',
  malformed: 'a value that is not 64 hex digits',
  'task-only': 'a signature of "task" alone (the old scheme)',
  mismatch: 'a signature that does not match the document (a field was changed after signing, or another secret was used)',
};

/** Validates a parsed document: schema, signature, project directory, trust. */
export function examineDocument(raw: unknown, opts: ExamineOptions): Examination {
  const id = readableDispatchId(raw);
  if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
    return reject('schema', `the file holds ${describeValue(raw)}, not a JSON object`, [{ field: '(whole file)', expected: 'a JSON object', got: describeValue(raw) }]);
  }
  const obj = raw as Record<string, unknown>;
  const deepField = tooDeepField(obj);
  if (deepField !== null) {
    const deep = deepField || '""';
    return reject('schema', `the dispatch's field ${deep} nests JSON more than ${DISPATCH_MAX_DEPTH} levels deep; flatten it`, [
      { field: deep, expected: `JSON nested at most ${DISPATCH_MAX_DEPTH} levels deep`, got: `a value nested more than ${DISPATCH_MAX_DEPTH} levels deep` },
    ], id);
  }
  const check: SignatureCheck = opts.secret ? checkDispatchSignature(opts.secret, obj) : 'ok';
  const signed = check === 'ok';
  const rawCallback = typeof obj.callback_url === 'string' && /^https?:\/\//i.test(obj.callback_url) ? obj.callback_url : null;
  const callbackIfTrusted = signed ? rawCallback : null;

  const parsed = Dispatch.safeParse(raw);
  if (!parsed.success) {
    const errors = describeIssues(raw, parsed.error);
    const badCallback = errors.some((e) => e.field === 'callback_url');
    return reject('schema', `the dispatch does not match the schema: ${errors.map((e) => `${e.field}: expected ${e.expected}, got ${e.got}`).join('; ')}`, errors, id, badCallback ? null : callbackIfTrusted);
  }
  const d = parsed.data;
  if (opts.secret && !signed) {
    const got = SIGNATURE_PROBLEMS[check];
    const how = 'source_signature must be the hex HMAC-SHA256, under dispatchSecret, of the RFC 8785 (JCS) canonical JSON of the whole file without source_signature (the README shows how)';
    return reject('bad_signature', check === 'task-only' ? `dispatch ${d.id} is signed the old way (only "task" is covered, so its other fields could be changed): ${how}` : `dispatch ${d.id} is not signed with this Switchboard's dispatchSecret: ${how}`, [
      { field: 'source_signature', expected: 'the hex HMAC-SHA256 of the canonical (JCS) document under dispatchSecret', got },
    ], d.id);
  }

  if (d.callback_url) {
    const refused = refusedCallbackUrl(d.callback_url, opts.callbackAllow);
    if (refused) {
      return reject('callback_refused', `dispatch ${d.id}: callback_url ${d.callback_url} is refused: ${refused}`, [
        { field: 'callback_url', expected: 'an http(s) URL on loopback, a public address, or an address listed in callbackAllow', got: `${describeValue(d.callback_url)}: ${refused}` },
      ], d.id);
    }
  }

  // A project on a host (issue 14) is a path there: submit checks the host and the trusted roots as
  // written, and the task's prepare resolves it on the host (remote/remote-project.ts).
  if (d.host) return { kind: 'valid', dispatch: d, hash: dispatchHash(d), realDir: d.project_dir };
  const expanded = expandTilde(d.project_dir);
  let realDir = opts.dirCache?.get(expanded);
  if (realDir == null) {
    realDir = resolveDir(expanded);
    opts.dirCache?.set(expanded, realDir);
  }
  if (realDir === 'missing' || realDir === 'not a directory') {
    const what = realDir === 'missing' ? 'does not exist' : 'is not a directory';
    return reject('project_dir_missing', `project_dir ${expanded} ${what}; create it or fix the path`, [
      { field: 'project_dir', expected: 'an existing directory', got: `${describeValue(d.project_dir)}, which ${what}` },
    ], d.id, d.callback_url ?? null);
  }
  const problem = opts.trust.problem(realDir);
  if (problem) {
    return reject('project_dir_untrusted', `project_dir not allowed: ${problem}`, [
      { field: 'project_dir', expected: 'a directory inside the trusted roots', got: describeValue(d.project_dir) },
    ], d.id);
  }
  return { kind: 'valid', dispatch: d, hash: dispatchHash(d), realDir };
}
