/**
 * A file's patch reduced to some of its hunks, so a reviewer can approve part of a file. The hunks
 * come from gitdiff-parser; the header is kept verbatim and each kept hunk's new-side start is
 * recomputed from the hunks kept before it, so `git apply` places it exactly.
 * Bytes travel as latin1 so a file in any encoding survives the round trip unchanged.
 */
import { createRequire } from 'node:module';
import type { Change, File, Hunk } from 'gitdiff-parser';
import { AppError } from '../errors.js';

// A CommonJS module whose typings declare an ES default export: load it the CommonJS way so the
// runtime value and the type agree under Node's ESM loader and under Vitest alike.
const gitDiffParser = createRequire(import.meta.url)('gitdiff-parser') as { parse(source: string): File[] };

export const parsePatch = (patch: Buffer): File | null => gitDiffParser.parse(patch.toString('latin1'))[0] ?? null;

export function hunkCount(patch: Buffer): number {
  return parsePatch(patch)?.hunks.length ?? 0;
}

const oldSide = (c: Change): boolean => c.type !== 'insert';
const newSide = (c: Change): boolean => c.type !== 'delete';
const PREFIX = { insert: '+', delete: '-', normal: ' ' } as const;

function lastIndex(changes: Change[], pred: (c: Change) => boolean): number {
  for (let i = changes.length - 1; i >= 0; i--) if (pred(changes[i])) return i;
  return -1;
}

function renderHunk(h: Hunk, newStart: number, oldCount: number, newCount: number, eof: { old: boolean; new: boolean } | null): string {
  const tail = h.content.replace(/^@@ [^@]* @@/, '');
  const lines = [`@@ -${h.oldStart},${oldCount} +${newStart},${newCount} @@${tail}`];
  const lastOld = eof?.old ? lastIndex(h.changes, oldSide) : -1;
  const lastNew = eof?.new ? lastIndex(h.changes, newSide) : -1;
  h.changes.forEach((c, i) => {
    lines.push(PREFIX[c.type] + c.content);
    if (i === lastOld || i === lastNew) lines.push('\\ No newline at end of file');
  });
  return lines.join('\n') + '\n';
}

/** The patch with only the hunks at `indexes` (0-based). `what` names the file in errors. */
export function selectHunks(patch: Buffer, indexes: number[], what: string): Buffer {
  const text = patch.toString('latin1');
  const file = parsePatch(patch);
  if (!file || file.isBinary || !file.hunks.length) {
    throw new AppError('invalid_input', `${what} has no text hunks (binary, rename or mode change only): approve the whole file instead`);
  }
  const wanted = new Set(indexes);
  for (const i of wanted) {
    if (i >= file.hunks.length) throw new AppError('invalid_input', `${what} has ${file.hunks.length} hunk(s); there is no hunk ${i}`);
  }
  const kept = file.hunks.map((h, i) => ({ h, last: i === file.hunks.length - 1 })).filter((_, i) => wanted.has(i));
  return render(text.slice(0, text.search(/^@@ /m)), kept, file);
}

interface Kept {
  h: Hunk;
  /** Whether it is the last hunk of its file's patch (where a missing final newline is marked). */
  last: boolean;
}

/** The header, then the hunks in order, each hunk's new-side start recomputed from those before it. */
function render(header: string, hunks: Kept[], file: File): Buffer {
  let out = header;
  let delta = 0;
  for (const { h, last } of hunks) {
    const oldCount = h.changes.filter(oldSide).length;
    const newCount = h.changes.filter(newSide).length;
    const firstOld = oldCount === 0 ? h.oldStart + 1 : h.oldStart;
    const newStart = newCount === 0 ? firstOld + delta - 1 : firstOld + delta;
    const eof = last ? { old: !file.oldEndingNewLine, new: !file.newEndingNewLine } : null;
    out += renderHunk(h, newStart, oldCount, newCount, eof);
    delta += newCount - oldCount;
  }
  return Buffer.from(out, 'latin1');
}

/** The old-side lines a hunk covers, context included: [first, last]. */
function oldLines(h: Hunk): [number, number] {
  const n = h.changes.filter(oldSide).length;
  const first = n === 0 ? h.oldStart + 1 : h.oldStart;
  return [first, first + Math.max(n, 1) - 1];
}

/**
 * One patch of a file from hunks picked out of several patches of that same file, all made against
 * the same base (siblings of a best-of-N group, issue 17). Hunks whose old-side lines (context
 * included) overlap are refused, naming the file, the lines and who wrote them, since applying both
 * would be ambiguous. `label` names each part's author in that message.
 */
export function mergeHunks(path: string, parts: { patch: Buffer; label: string }[]): Buffer {
  const all: (Kept & { label: string; file: File })[] = [];
  for (const p of parts) {
    const file = parsePatch(p.patch);
    if (!file || file.isBinary || !file.hunks.length || file.type !== 'modify') {
      throw new AppError('conflict', `${path} was added, deleted, renamed or is binary in ${p.label}'s change, and ${parts.length - 1} other pick(s) touch it too; take it from one of them only`, [{ path, message: 'picked from more than one change' }]);
    }
    file.hunks.forEach((h, i) => all.push({ h, last: i === file.hunks.length - 1, label: p.label, file }));
  }
  all.sort((a, b) => oldLines(a.h)[0] - oldLines(b.h)[0]);
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [all[i - 1], all[i]];
    const [aFrom, aTo] = oldLines(a.h);
    const [bFrom, bTo] = oldLines(b.h);
    if (bFrom <= aTo) {
      const message = `lines ${aFrom}-${aTo} (from ${a.label}) overlap lines ${bFrom}-${bTo} (from ${b.label})`;
      throw new AppError('conflict', `${path}: ${message}; pick only one of these hunks. Nothing was applied.`, [{ path, message }]);
    }
  }
  const lastIdx = all.length - 1;
  const kept = all.map((k, i) => ({ h: k.h, last: k.last && i === lastIdx }));
  const last = all[lastIdx];
  const text = parts[0].patch.toString('latin1');
  // Each part's index line names its own result blob; the merged patch has none of them.
  const header = text.slice(0, text.search(/^@@ /m)).replace(/^index [^\n]*\n/m, '');
  return render(header, kept, last.file);
}
