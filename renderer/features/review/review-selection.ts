import type { RequestInput } from '../../../shared/contract.js';

/**
 * What the reviewer approves: whole files, and single hunks of other files. A file is never both:
 * picking a hunk of a whole-selected file turns it into its other hunks, and picking every hunk of
 * a file turns it back into the whole file.
 */
export interface ReviewSelection {
  files: ReadonlySet<string>;
  hunks: Readonly<Record<string, readonly number[]>>;
}

export type CheckState = 'all' | 'some' | 'none';

export const selectAll = (paths: readonly string[]): ReviewSelection => ({ files: new Set(paths), hunks: {} });

const withoutKey = (hunks: ReviewSelection['hunks'], path: string) => {
  const { [path]: _gone, ...rest } = hunks;
  return rest;
};

export function checkState(sel: ReviewSelection, path: string): CheckState {
  if (sel.files.has(path)) return 'all';
  return sel.hunks[path]?.length ? 'some' : 'none';
}

export function toggleFile(sel: ReviewSelection, path: string): ReviewSelection {
  const files = new Set(sel.files);
  if (checkState(sel, path) === 'none') files.add(path);
  else files.delete(path);
  return { files, hunks: withoutKey(sel.hunks, path) };
}

export function hunkChecked(sel: ReviewSelection, path: string, index: number): boolean {
  return sel.files.has(path) || (sel.hunks[path] ?? []).includes(index);
}

export function toggleHunk(sel: ReviewSelection, path: string, index: number, hunkCount: number): ReviewSelection {
  const current = sel.files.has(path) ? [...Array(hunkCount).keys()] : [...(sel.hunks[path] ?? [])];
  const next = current.includes(index) ? current.filter((i) => i !== index) : [...current, index].sort((a, b) => a - b);
  const files = new Set(sel.files);
  files.delete(path);
  if (next.length === hunkCount) {
    files.add(path);
    return { files, hunks: withoutKey(sel.hunks, path) };
  }
  return { files, hunks: next.length ? { ...sel.hunks, [path]: next } : withoutKey(sel.hunks, path) };
}

/**
 * The changes.approve input for a selection: no lists when everything is selected (the core then
 * applies the whole change), null when nothing is.
 */
export function approveInput(taskId: string, sel: ReviewSelection, allPaths: readonly string[]): RequestInput<'changes.approve'> | null {
  const hunks = Object.entries(sel.hunks).flatMap(([path, idx]) => idx.map((index) => ({ path, index })));
  if (!sel.files.size && !hunks.length) return null;
  if (!hunks.length && allPaths.every((p) => sel.files.has(p))) return { taskId };
  return { taskId, files: allPaths.filter((p) => sel.files.has(p)), ...(hunks.length ? { hunks } : {}) };
}

/** "3 files", "2 files and 1 hunk": what the Approve button will apply. */
export function describeSelection(sel: ReviewSelection): string {
  const n = sel.files.size;
  const h = Object.values(sel.hunks).reduce((a, x) => a + x.length, 0);
  const files = `${n} file${n === 1 ? '' : 's'}`;
  const hunks = `${h} hunk${h === 1 ? '' : 's'}`;
  if (n && h) return `${files} and ${hunks}`;
  return h ? hunks : files;
}
