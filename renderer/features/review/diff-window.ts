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
