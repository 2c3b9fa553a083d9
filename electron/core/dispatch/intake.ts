import { lstatSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DispatchRejection, describeValue } from '../../../shared/models/dispatch.js';
import { iso, type Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { SubmitTask } from '../tasks/submit-task.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { dispatchToTaskRequest } from './dispatch-request.js';
import { examineDispatchFile, type Examination, type Rejection } from './examine-file.js';
import { inboxLayout } from './inbox-layout.js';
import { freeName, moveAside } from './move-aside.js';
import type { TrustPolicy } from './trust.js';

export interface FileRef {
  dir: string;
  name: string;
}

export type Outcome =
  | { kind: 'accepted' | 'duplicate' | 'recovered'; taskId: string }
  | { kind: 'rejected'; reason: Rejection['reason']; dispatchId: string | null }
  /** Not valid JSON yet and not stale: try again later. */
  | { kind: 'unparsed'; mtimeMs: number }
  | { kind: 'gone' }
  /** The file changed between reading and moving, or something failed (I/O, database): look again. */
  | { kind: 'error' | 'changed'; message: string };

/** A stored dispatch whose file still waits to move to accepted/. */
export interface PendingMove {
  index: number;
  ref: FileRef;
  ino?: number;
}

export interface IntakeBatch {
  outcomes: Outcome[];
  /** Move these only once the store's commit is on disk (completeMoves). */
  moves: PendingMove[];
}

export interface IntakeDeps {
  store: Store;
  clock: Clock;
  config: ConfigService;
  submit: SubmitTask;
  trust: TrustPolicy;
  /** A file that stays unparseable this long after its last write is rejected as invalid JSON. */
  staleMs: number;
  audit(kind: string, taskId: string | null, data: Record<string, unknown>, actor?: string): void;
  /** A rejected file with a readable id and no task of that id: write its `failed` report. */
  onRejected(rejection: Rejection & { dispatchId: string }, dir: string): void;
  /** Every file moved to rejected/, with its sidecar written (the app lists it). */
  onFileRejected?(dir: string, name: string): void;
}

export interface Intake {
  /**
   * Takes a batch of inbox files: examines them, stores the valid ones as tasks in one transaction
   * (visible at once), and moves the bad ones to rejected/. The stored ones' files move later.
   */
  process(files: FileRef[]): IntakeBatch;
  /** Moves stored dispatches' files to accepted/. Call only after the commit is durable. */
  completeMoves(batch: IntakeBatch): void;
}

/**
 * The exactly-once intake pipeline (ARCHITECTURE.md, invariant 1): the task row (id + content hash) first,
 * then, once that commit is on disk, the file moves to accepted/. A crash between any two steps leaves
 * the file in the inbox, and taking it again finds its task: same hash, it just moves.
 */
export function createIntake(deps: IntakeDeps): Intake {
  const { store } = deps;
  const existing = store.db.prepare<[string], { content_hash: string | null; meta: string; created_at: number }>(
    'SELECT content_hash, meta, created_at FROM tasks WHERE id = ?',
  );

  const reusedId = (id: string): Rejection => {
    const row = existing.get(id);
    const when = row ? ` (created ${iso(row.created_at)})` : '';
    return {
      reason: 'reused_id',
      message: `dispatch id ${id} is already used by task ${id}${when} with different content; give new work a new id`,
      errors: [{ field: 'id', expected: 'an id not used by a different dispatch', got: `${describeValue(id)}, already used by task ${id}${when}` }],
      dispatchId: id,
      callbackUrl: null,
    };
  };

  const reject = (ref: FileRef, r: Rejection): Outcome => {
    const layout = inboxLayout(ref.dir);
    const path = join(ref.dir, ref.name);
    const target = freeName(layout.rejected, ref.name);
    const movedTo = join(layout.rejected, target);
    const body = DispatchRejection.parse({ file: path, moved_to: movedTo, dispatch_id: r.dispatchId, reason: r.reason, message: r.message, errors: r.errors, rejected_at: iso(deps.clock.now()) });
    writeFileAtomicSync(`${movedTo}.error.json`, `${JSON.stringify(body, null, 2)}\n`, { fsync: false });
    if (r.dispatchId && r.reason !== 'reused_id' && !existing.get(r.dispatchId)) deps.onRejected({ ...r, dispatchId: r.dispatchId }, ref.dir);
    const actor = typeof r.doc?.dispatched_by === 'string' ? r.doc.dispatched_by : 'dispatch-inbox';
    deps.audit('dispatch.rejected', r.dispatchId, { dir: ref.dir, file: ref.name, reason: r.reason, message: r.message, movedTo }, actor);
    const dest = moveAside(path, layout.rejected, target);
    if (dest) deps.onFileRejected?.(ref.dir, basename(dest));
    return dest ? { kind: 'rejected', reason: r.reason, dispatchId: r.dispatchId } : { kind: 'gone' };
  };

  const examine = (ref: FileRef, dirCache: Map<string, string>): Examination | { kind: 'error'; message: string } => {
    try {
      return examineDispatchFile(join(ref.dir, ref.name), { secret: deps.config.get().dispatchSecret, callbackAllow: deps.config.get().callbackAllow, trust: deps.trust, dirCache });
    } catch (err) {
      return { kind: 'error', message: `cannot read ${join(ref.dir, ref.name)}: ${(err as Error).message}` };
    }
  };

  const staleRejection = (ref: FileRef, ex: Extract<Examination, { kind: 'unparsed' }>): Rejection => ({
    reason: 'invalid_json',
    message: `${join(ref.dir, ref.name)} is not valid JSON (${ex.error}) and has not changed for ${Math.round(deps.staleMs / 1000)} s`,
    errors: [{ field: '(whole file)', expected: 'valid JSON', got: ex.size ? `${ex.size} bytes: ${ex.error}` : 'an empty file' }],
    dispatchId: null,
    callbackUrl: null,
  });

  /** Stores one valid dispatch (inside the batch's transaction): its outcome, or why it is rejected. */
  const store1 = (ref: FileRef, ex: Extract<Examination, { kind: 'valid' }>): { outcome: Outcome } | { rejection: Rejection } => {
    const d = ex.dispatch;
    const row = existing.get(d.id);
    if (row) {
      if (row.content_hash !== ex.hash) return { rejection: reusedId(d.id) };
      const origin = JSON.parse(row.meta).dispatch as { dir?: string; file?: string } | undefined;
      const kind = origin?.dir === ref.dir && origin?.file === ref.name ? 'recovered' : 'duplicate';
      deps.audit(`dispatch.${kind}`, d.id, { dir: ref.dir, file: ref.name }, d.dispatched_by);
      return { outcome: { kind, taskId: d.id } };
    }
    try {
      deps.submit(dispatchToTaskRequest(d, { source: 'dispatch', origin: { dir: ref.dir, file: ref.name }, hash: ex.hash }));
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return { rejection: reusedId(d.id) };
      if (err instanceof AppError && err.code === 'invalid_input' && err.details?.[0]?.path === 'prompt') {
        const errors = [{ field: 'task', expected: `a prompt agent ${d.target_agent ?? 'default'} can take`, got: `${Math.ceil(Buffer.byteLength(d.task) / 1024)} KiB` }];
        return { rejection: { reason: 'too_large', message: err.message, errors, dispatchId: d.id, callbackUrl: null } };
      }
      if (err instanceof AppError && err.code === 'invalid_input' && err.details?.[0]?.path === 'host') {
        const errors = [{ field: 'host', expected: 'a host of config.json "hosts"', got: describeValue(d.host) }];
        return { rejection: { reason: 'project_dir_missing', message: err.message, errors, dispatchId: d.id, callbackUrl: null } };
      }
      if (err instanceof AppError && err.code === 'invalid_input') {
        const errors = [{ field: 'project_dir', expected: 'an existing, allowed directory', got: describeValue(d.project_dir) }];
        return { rejection: { reason: 'project_dir_missing', message: err.message, errors, dispatchId: d.id, callbackUrl: null } };
      }
      // The store itself failed (a full disk...): SQLite may have rolled the batch back already, so the
      // batch must stop here and be tried again whole, with the store's own words.
      if (String((err as { code?: unknown }).code).startsWith('SQLITE_')) throw err;
      return { outcome: { kind: 'error', message: `cannot store dispatch ${d.id} from ${join(ref.dir, ref.name)}: ${(err as Error).message}` } };
    }
    deps.audit('dispatch.accepted', d.id, { dir: ref.dir, file: ref.name }, d.dispatched_by);
    return { outcome: { kind: 'accepted', taskId: d.id } };
  };

  return {
    process(files) {
      const outcomes: Outcome[] = new Array(files.length);
      const rejects: { i: number; rejection: Rejection }[] = [];
      const valid: { i: number; ex: Extract<Examination, { kind: 'valid' }> }[] = [];
      const dirCache = new Map<string, string>();
      files.forEach((ref, i) => {
        const ex = examine(ref, dirCache);
        if (ex.kind === 'valid') valid.push({ i, ex });
        else if (ex.kind === 'rejected') rejects.push({ i, rejection: ex.rejection });
        else if (ex.kind === 'unparsed') {
          if (Date.now() - ex.mtimeMs < deps.staleMs) outcomes[i] = { kind: 'unparsed', mtimeMs: ex.mtimeMs };
          else rejects.push({ i, rejection: staleRejection(ref, ex) });
        } else outcomes[i] = ex;
      });

      const moves: PendingMove[] = [];
      if (valid.length) {
        try {
          store.tx(() => {
            for (const { i, ex } of valid) {
              const r = store1(files[i], ex);
              if ('rejection' in r) rejects.push({ i, rejection: r.rejection });
              else {
                outcomes[i] = r.outcome;
                if (r.outcome.kind !== 'error') moves.push({ index: i, ref: files[i], ino: ex.ino });
              }
            }
          });
        } catch (err) {
          for (const { i } of valid) outcomes[i] = { kind: 'error', message: `cannot store this batch of dispatches: ${(err as Error).message}` };
          moves.length = 0;
        }
      }

      for (const { i, rejection } of rejects) {
        try {
          outcomes[i] = reject(files[i], rejection);
        } catch (err) {
          outcomes[i] = { kind: 'error', message: `cannot reject ${join(files[i].dir, files[i].name)}: ${(err as Error).message}` };
        }
      }
      return { outcomes, moves };
    },

    completeMoves(batch) {
      for (const m of batch.moves) {
        const path = join(m.ref.dir, m.ref.name);
        try {
          const now = lstatSync(path, { throwIfNoEntry: false });
          if (!now) continue; // moved already (another instance, a duplicate event)
          if (m.ino != null && now.ino !== m.ino) {
            batch.outcomes[m.index] = { kind: 'changed', message: `${path} was replaced after it was read; it is read again` };
            continue;
          }
          moveAside(path, inboxLayout(m.ref.dir).accepted, m.ref.name);
        } catch (err) {
          batch.outcomes[m.index] = { kind: 'error', message: `task stored, but ${path} could not move to accepted/: ${(err as Error).message}` };
        }
      }
    },
  };
}
