/** Turns a reviewer's selection (whole files, single hunks) into one patch of exactly that. */
import type { ChangeFile, HunkRef } from '../../../shared/models/change.js';
import { AppError } from '../errors.js';
import type { ChangesRepo } from '../store/changes-repo.js';
import { hunkCount, selectHunks } from './hunk-patch.js';

export interface Selection {
  files?: string[];
  hunks?: HunkRef[];
}

export interface SelectedPatch {
  patch: Buffer;
  /** Every path the patch writes or removes (new and old names), relative to the tree root. */
  paths: string[];
  /** Files applied (whole or in part), in change order. */
  files: ChangeFile[];
  /** Whether the selection is the whole change. */
  whole: boolean;
  /** Each applied file's part of `patch`. */
  perFile: { file: ChangeFile; patch: Buffer }[];
}

const list = (items: string[]): string => (items.length > 8 ? `${items.slice(0, 8).join(', ')} and ${items.length - 8} more` : items.join(', '));

/** What the selection picks; `invert` gives everything it leaves out instead (for in-place reverts). */
export function selectPatch(changes: ChangesRepo, changeId: number, taskId: string, sel: Selection, invert = false): SelectedPatch {
  const all = changes.files(changeId);
  const byPath = new Map<string, ChangeFile>();
  for (const f of all) {
    byPath.set(f.path, f);
    if (f.oldPath && !byPath.has(f.oldPath)) byPath.set(f.oldPath, f);
  }
  const find = (p: string): ChangeFile => {
    const f = byPath.get(p.replace(/^\.\//, ''));
    if (!f) throw new AppError('invalid_input', `task ${taskId}: the change has no file "${p}"; its files are ${list(all.map((x) => x.path))}`);
    return f;
  };

  const everything = !sel.files?.length && !sel.hunks?.length;
  const wholeIdx = new Set<number>(everything ? all.map((f) => f.idx) : (sel.files ?? []).map((p) => find(p).idx));
  const hunkIdx = new Map<number, Set<number>>();
  for (const h of sel.hunks ?? []) {
    const f = find(h.path);
    if (wholeIdx.has(f.idx)) continue;
    if (!hunkIdx.has(f.idx)) hunkIdx.set(f.idx, new Set());
    hunkIdx.get(f.idx)!.add(h.index);
  }

  const parts: Buffer[] = [];
  const files: ChangeFile[] = [];
  const perFile: SelectedPatch['perFile'] = [];
  const what = (f: ChangeFile): string => `task ${taskId}: file ${f.path}`;
  let partial = false;
  for (const f of all) {
    const patch = changes.patch(changeId, f.idx)!;
    let picked: number[] | 'all' | null = wholeIdx.has(f.idx) ? 'all' : hunkIdx.has(f.idx) ? [...hunkIdx.get(f.idx)!] : null;
    if (picked !== null && picked !== 'all') {
      const n = hunkCount(patch);
      if (picked.length >= n && picked.every((i) => i < n)) picked = 'all';
      else {
        selectHunks(patch, picked, what(f)); // validates the indexes
        partial = true;
      }
    }
    if (invert) {
      if (picked === 'all') continue;
      if (picked === null) picked = 'all';
      else {
        const keep = new Set(picked);
        picked = Array.from({ length: hunkCount(patch) }, (_, i) => i).filter((i) => !keep.has(i));
      }
    }
    if (picked === null) continue;
    const part = picked === 'all' ? patch : selectHunks(patch, picked, what(f));
    parts.push(part);
    files.push(f);
    perFile.push({ file: f, patch: part });
  }
  const paths = [...new Set(files.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path])))];
  const whole = invert ? files.length === 0 : files.length === all.length && !partial;
  return { patch: Buffer.concat(parts), paths, files, whole, perFile };
}
