import { existsSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionReport } from '../../../shared/models/completion.js';
import { Dispatch, describeIssues, type DispatchInput } from '../../../shared/models/dispatch.js';
import { AppError } from '../errors.js';
import { inboxLayout } from './inbox-layout.js';
import { signDispatch } from './signature.js';

/** Validates a dispatch document (and signs it when a secret is given), as the inbox will read it. */
export function buildDispatch(doc: DispatchInput, secret?: string): Dispatch {
  const parsed = Dispatch.safeParse(doc);
  if (!parsed.success) {
    const problems = describeIssues(doc, parsed.error);
    throw new AppError('invalid_input', `invalid dispatch: ${problems.map((p) => `${p.field}: expected ${p.expected}, got ${p.got}`).join('; ')}`, problems.map((p) => ({ path: p.field, message: `expected ${p.expected}, got ${p.got}` })));
  }
  // The signature covers the document exactly as it will be written (after the schema's defaults).
  if (!secret) return parsed.data;
  const { source_signature: _drop, ...unsigned } = parsed.data;
  void _drop;
  return { ...unsigned, source_signature: signDispatch(secret, unsigned) } as Dispatch;
}

/**
 * Drops a dispatch into an inbox the way every writer should: a hidden temp file, then a rename, so
 * the inbox never sees it half-written. Refuses to replace a file that already waits there.
 */
export function writeDispatchFile(inbox: string, d: Dispatch): string {
  const path = join(inbox, `${d.id}.json`);
  if (existsSync(path)) throw new AppError('conflict', `${path} already waits in the inbox; use another id`);
  const tmp = join(inbox, `.${d.id}.json.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(d, null, 2)}\n`, { flag: 'wx' });
  renameSync(tmp, path);
  return path;
}

const readReport = (path: string): CompletionReport | null => {
  try {
    return CompletionReport.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
};

/**
 * Resolves with the completion report of `id` once `<inbox>/completed/<id>.json` appears (a report that
 * was already there before `since` does not count), or null after `timeoutMs`.
 */
export function waitForReport(inbox: string, id: string, opts: { since: number; timeoutMs?: number; pollMs?: number }): Promise<CompletionReport | null> {
  const dir = inboxLayout(inbox).completed;
  const path = join(dir, `${id}.json`);
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    let watcher: ReturnType<typeof watch> | null = null;
    const done = (r: CompletionReport | null) => {
      for (const t of timers) clearTimeout(t);
      clearInterval(poll);
      watcher?.close();
      resolve(r);
    };
    const check = () => {
      const r = readReport(path);
      if (r && Date.parse(r.completed_at) >= opts.since - 1000) done(r);
    };
    const poll = setInterval(check, opts.pollMs ?? 250);
    try {
      watcher = watch(dir, (_e, name) => name === `${id}.json` && check());
    } catch {} // the folder may not exist yet: polling covers it
    if (opts.timeoutMs != null) timers.push(setTimeout(() => done(null), opts.timeoutMs));
    check();
  });
}

/** Whether something wrote the inbox's heartbeat recently (a Switchboard is taking its files). */
export function inboxIsServed(inbox: string, now: number, maxAgeMs = 90_000): boolean {
  try {
    const hb = JSON.parse(readFileSync(inboxLayout(inbox).heartbeat, 'utf8')) as { ts?: string };
    return typeof hb.ts === 'string' && now - Date.parse(hb.ts) < maxAgeMs;
  } catch {
    return false;
  }
}
