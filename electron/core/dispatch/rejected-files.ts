import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { RejectedDispatchFile } from '../../../shared/contract/dispatch.js';
import { DispatchRejection } from '../../../shared/models/dispatch.js';
import { AppError } from '../errors.js';
import { inboxLayout, isDispatchFileName } from './inbox-layout.js';
import { moveAside } from './move-aside.js';

const SIDECAR = '.error.json';
/** The newest this many are listed: enough to act on, bounded however many pile up. */
export const REJECTED_LIMIT = 200;

export interface RejectedFilesDeps {
  /** The watched dispatch folders (the dispatch service's dirs()). */
  dirs(): string[];
  audit(kind: string, taskId: string | null, data: Record<string, unknown>, actor?: string): void;
}

export interface RejectedFiles {
  list(): RejectedDispatchFile[];
  /** Moves `<dir>/rejected/<name>` back into `<dir>` under its first name; its sidecar goes to rejected/retried/. */
  retry(dir: string, name: string): { path: string };
}

/** One rejected file from its `.error.json`, or null when the sidecar is unreadable or its file is gone. */
export function readRejection(dir: string, sidecarName: string): RejectedDispatchFile | null {
  const rejectedDir = inboxLayout(dir).rejected;
  const name = sidecarName.slice(0, -SIDECAR.length);
  const path = join(rejectedDir, name);
  if (!existsSync(path)) return null;
  try {
    const body = DispatchRejection.parse(JSON.parse(readFileSync(join(rejectedDir, sidecarName), 'utf8')));
    return { dir, name, path, dispatchId: body.dispatch_id, reason: body.reason, message: body.message, errors: body.errors, rejectedAt: body.rejected_at };
  } catch {
    return null;
  }
}

/**
 * The rejected dispatch files the app lists (issue 18, bug 10), and putting one back in its inbox
 * once the user fixed it. Nothing is deleted: a retried file's `.error.json` moves to rejected/retried/.
 */
export function createRejectedFiles(deps: RejectedFilesDeps): RejectedFiles {
  const watched = (dir: string): string => {
    const found = deps.dirs().find((d) => resolve(d) === resolve(dir));
    if (!found) throw new AppError('invalid_input', `${dir} is not a watched dispatch folder; rejected files can only go back to the folder they came from`);
    return found;
  };

  return {
    list() {
      const out: RejectedDispatchFile[] = [];
      for (const dir of deps.dirs()) {
        let names: string[];
        try {
          names = readdirSync(inboxLayout(dir).rejected);
        } catch {
          continue;
        }
        for (const n of names) {
          if (!n.endsWith(SIDECAR)) continue;
          const r = readRejection(dir, n);
          if (r) out.push(r);
        }
      }
      out.sort((a, b) => b.rejectedAt.localeCompare(a.rejectedAt) || a.name.localeCompare(b.name));
      return out.slice(0, REJECTED_LIMIT);
    },

    retry(dirIn, name) {
      const dir = watched(dirIn);
      if (name !== basename(name) || name.startsWith('.') || name.endsWith(SIDECAR)) {
        throw new AppError('invalid_input', `"${name}" is not a rejected file's name (a plain file name inside rejected/)`);
      }
      const layout = inboxLayout(dir);
      const rejection = readRejection(dir, `${name}${SIDECAR}`);
      if (!rejection) throw new AppError('not_found', `no rejected file ${name} with its ${name}${SIDECAR} in ${layout.rejected}: it may have been retried already`);
      // Back under the name it arrived with ("x.json", not the "x.json.1" a clash gave it in rejected/).
      const sidecar = DispatchRejection.parse(JSON.parse(readFileSync(join(layout.rejected, `${name}${SIDECAR}`), 'utf8')));
      const first = basename(sidecar.file);
      const inboxName = isDispatchFileName(first) ? first : `${name.replace(/\.json(\.\d+)?$/, '')}.json`;
      if (existsSync(join(dir, inboxName))) {
        throw new AppError('conflict', `${join(dir, inboxName)} already exists in the inbox: wait until it is taken, or rename one of them`);
      }
      const moved = moveAside(rejection.path, dir, inboxName);
      if (!moved) throw new AppError('not_found', `${rejection.path} disappeared before it could be moved back`);
      const retried = join(layout.rejected, 'retried');
      mkdirSync(retried, { recursive: true });
      moveAside(join(layout.rejected, `${name}${SIDECAR}`), retried, `${name}${SIDECAR}`);
      deps.audit('dispatch.retried', rejection.dispatchId, { dir, file: name, movedTo: moved, reason: rejection.reason }, 'user');
      return { path: moved };
    },
  };
}
