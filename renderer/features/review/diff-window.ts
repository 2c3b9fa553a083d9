/** The part of a hunk list a viewer renders first, so a huge diff paints quickly. */
export interface HunkLike {
  changes: readonly unknown[];
}

export interface DiffWindow<H> {
  /** Hunks to render; the last may be cut short. Indexes match the full list. */
  hunks: H[];
  shownLines: number;
  totalLines: number;
}

/** Takes hunks (cutting the last one if needed) until `limit` lines are shown. */
export function windowHunks<H extends HunkLike>(hunks: readonly H[], limit: number): DiffWindow<H> {
  const totalLines = hunks.reduce((n, h) => n + h.changes.length, 0);
  const out: H[] = [];
  let shown = 0;
  for (const h of hunks) {
    if (shown >= limit) break;
    const room = limit - shown;
    if (h.changes.length <= room) {
      out.push(h);
      shown += h.changes.length;
    } else {
      out.push({ ...h, changes: h.changes.slice(0, room) });
      shown += room;
    }
  }
  return { hunks: out, shownLines: shown, totalLines };
}

export interface PatchCut {
  /** The patch's headers and its hunks up to the one that holds the `lines`-th line (all of it when shorter). */
  text: string;
  /** Whether `text` is the whole patch. */
  complete: boolean;
  /** Hunks and hunk lines of the whole patch. */
  hunks: number;
  lines: number;
}

/**
 * Cuts a one-file patch after the hunk that reaches `lines` hunk lines, and counts the whole patch's
 * hunks and lines, without parsing it: the viewer parses only what it shows (parsing all of an
 * 11,000-line patch cost more than painting its first screen).
 */
export function cutPatch(patch: string, lines: number): PatchCut {
  let hunks = 0;
  let total = 0;
  let cutAt = -1;
  for (let start = 0; start < patch.length; ) {
    const nl = patch.indexOf('\n', start);
    const end = nl < 0 ? patch.length : nl + 1;
    if (patch.startsWith('@@', start)) {
      if (cutAt < 0 && total >= lines) cutAt = start;
      hunks++;
    } else if (hunks > 0 && !patch.startsWith('\\', start) && end - start > 0) {
      total++;
    }
    start = end;
  }
  return cutAt < 0 ? { text: patch, complete: true, hunks, lines: total } : { text: patch.slice(0, cutAt), complete: false, hunks, lines: total };
}
