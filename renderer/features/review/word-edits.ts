import { diffWordsWithSpace } from 'diff';
import { pickRanges, type ChangeData, type HunkData, type RangeTokenNode, type TokenizeEnhancer } from 'react-diff-view';

/** A changed stretch of one line: `start` and `length` in characters. */
export interface EditRange {
  start: number;
  length: number;
}

/**
 * Lines whose words share less than this part of their text are shown as wholly replaced, with no
 * word marks (as GitHub does): marking nearly every word of a rewritten line only adds noise.
 */
export const MIN_COMMON = 0.3;
/** Longer lines are not compared word by word (cost grows with length squared). */
export const MAX_LINE = 1000;

/**
 * The words that differ between a removed line and the added line it became (jsdiff, by words and
 * the spaces between them, so a mark never starts or ends inside a word). Null when the lines have
 * too little in common to pair them this way, or nothing differs.
 */
export function wordEdits(before: string, after: string): { old: EditRange[]; new: EditRange[] } | null {
  if (before === after || before.length > MAX_LINE || after.length > MAX_LINE) return null;
  const parts = diffWordsWithSpace(before, after);
  const old: EditRange[] = [];
  const neu: EditRange[] = [];
  let o = 0;
  let n = 0;
  let common = 0;
  for (const p of parts) {
    const len = p.value.length;
    if (p.added) {
      neu.push({ start: n, length: len });
      n += len;
    } else if (p.removed) {
      old.push({ start: o, length: len });
      o += len;
    } else {
      common += p.value.trim() ? len : 0;
      o += len;
      n += len;
    }
  }
  if (common < MIN_COMMON * Math.max(before.trim().length, after.trim().length)) return null;
  return { old: merge(before, old), new: merge(after, neu) };
}

/** Joins ranges that touch or are apart by spaces only, so a run of changed words is one mark. */
function merge(text: string, ranges: EditRange[]): EditRange[] {
  const out: EditRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && !text.slice(last.start + last.length, r.start).trim()) last.length = r.start + r.length - last.start;
    else out.push({ ...r });
  }
  return out;
}

/**
 * Word marks for every hunk: within each run of removed lines followed by added lines, the n-th
 * removed line is compared with the n-th added one. Returns react-diff-view range tokens ("edit"),
 * by old and new line number.
 */
export function wordEditRanges(hunks: readonly HunkData[]): [RangeTokenNode[], RangeTokenNode[]] {
  const oldRanges: RangeTokenNode[] = [];
  const newRanges: RangeTokenNode[] = [];
  for (const hunk of hunks) {
    const changes = hunk.changes as ChangeData[];
    for (let i = 0; i < changes.length; ) {
      const dels: ChangeData[] = [];
      const ins: ChangeData[] = [];
      while (i < changes.length && changes[i].type === 'delete') dels.push(changes[i++]);
      while (i < changes.length && changes[i].type === 'insert') ins.push(changes[i++]);
      if (!dels.length && !ins.length) {
        i++;
        continue;
      }
      for (let k = 0; k < Math.min(dels.length, ins.length); k++) {
        const d = dels[k];
        const a = ins[k];
        if (d.type !== 'delete' || a.type !== 'insert') continue;
        const edits = wordEdits(d.content, a.content);
        if (!edits) continue;
        for (const r of edits.old) oldRanges.push({ type: 'edit', lineNumber: d.lineNumber, ...r });
        for (const r of edits.new) newRanges.push({ type: 'edit', lineNumber: a.lineNumber, ...r });
      }
    }
  }
  return [oldRanges, newRanges];
}

/** A tokenize() enhancer that marks the changed words (class `diff-code-edit`). */
export const markWordEdits = (hunks: readonly HunkData[]): TokenizeEnhancer => {
  const [o, n] = wordEditRanges(hunks);
  return pickRanges(o, n);
};
