import type { Task } from '../../../shared/models/task.js';

export type NavKey = 'up' | 'down' | 'left' | 'right' | 'first' | 'last';

/** Maps a keyboard key to a board move: arrows, vim keys (h j k l), Home and End. */
export function navKeyOf(key: string): NavKey | null {
  switch (key) {
    case 'ArrowUp': case 'k': return 'up';
    case 'ArrowDown': case 'j': return 'down';
    case 'ArrowLeft': case 'h': return 'left';
    case 'ArrowRight': case 'l': return 'right';
    case 'Home': return 'first';
    case 'End': return 'last';
    default: return null;
  }
}

/**
 * The task selected after a move on the board (columns of tasks, left to right). Up/down stay in
 * the column; left/right jump to the nearest non-empty column, keeping the row where they can.
 * With nothing selected, any move selects the first task on the board.
 */
export function moveSelection(columns: readonly (readonly Task[])[], selectedId: string | null, move: NavKey): string | null {
  const first = columns.find((c) => c.length)?.[0]?.id ?? null;
  let col = -1;
  let row = -1;
  columns.forEach((c, ci) => {
    const ri = c.findIndex((t) => t.id === selectedId);
    if (ri >= 0) [col, row] = [ci, ri];
  });
  if (col < 0) return first;
  const here = columns[col];
  switch (move) {
    case 'up': return here[Math.max(0, row - 1)].id;
    case 'down': return here[Math.min(here.length - 1, row + 1)].id;
    case 'first': return here[0].id;
    case 'last': return here[here.length - 1].id;
    case 'left':
    case 'right': {
      const step = move === 'left' ? -1 : 1;
      for (let ci = col + step; ci >= 0 && ci < columns.length; ci += step) {
        const c = columns[ci];
        if (c.length) return c[Math.min(row, c.length - 1)].id;
      }
      return selectedId;
    }
  }
}
