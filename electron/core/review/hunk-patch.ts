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
  const headerEnd = text.search(/^@@ /m);
  let out = text.slice(0, headerEnd);
  let delta = 0;
  file.hunks.forEach((h, i) => {
    const oldCount = h.changes.filter(oldSide).length;
    const newCount = h.changes.filter(newSide).length;
    if (wanted.has(i)) {
      const firstOld = oldCount === 0 ? h.oldStart + 1 : h.oldStart;
      const newStart = newCount === 0 ? firstOld + delta - 1 : firstOld + delta;
      const eof = i === file.hunks.length - 1 ? { old: !file.oldEndingNewLine, new: !file.newEndingNewLine } : null;
      out += renderHunk(h, newStart, oldCount, newCount, eof);
      delta += newCount - oldCount;
    }
  });
  return Buffer.from(out, 'latin1');
}
