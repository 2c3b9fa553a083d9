import { describe, expect, it } from 'vitest';
import { moveSelection, navKeyOf } from '../../../../renderer/features/tasks/board-navigation.js';
import { makeTask } from '../../support/make-task.js';

const col = (...ids: string[]) => ids.map((id) => makeTask({ id }));
// Columns: [a1 a2 a3] [] [b1] [c1 c2]
const board = [col('a1', 'a2', 'a3'), col(), col('b1'), col('c1', 'c2')];

describe('moveSelection', () => {
  it('selects the first task when nothing (or something gone) is selected', () => {
    expect(moveSelection(board, null, 'down')).toBe('a1');
    expect(moveSelection(board, 'vanished', 'right')).toBe('a1');
    expect(moveSelection([col(), col()], null, 'down')).toBeNull();
  });

  it('moves up and down within a column, stopping at its ends', () => {
    expect(moveSelection(board, 'a1', 'down')).toBe('a2');
    expect(moveSelection(board, 'a3', 'down')).toBe('a3');
    expect(moveSelection(board, 'a1', 'up')).toBe('a1');
    expect(moveSelection(board, 'a2', 'last')).toBe('a3');
    expect(moveSelection(board, 'a3', 'first')).toBe('a1');
  });

  it('jumps over empty columns sideways and keeps the row where it can', () => {
    expect(moveSelection(board, 'a3', 'right')).toBe('b1');
    expect(moveSelection(board, 'b1', 'right')).toBe('c1');
    expect(moveSelection(board, 'c2', 'left')).toBe('b1');
    expect(moveSelection(board, 'a2', 'left')).toBe('a2');
    expect(moveSelection([col('x1', 'x2'), col('y1', 'y2')], 'x2', 'right')).toBe('y2');
  });

  it('maps arrows, vim keys, Home and End', () => {
    expect(['ArrowUp', 'k', 'ArrowDown', 'j', 'ArrowLeft', 'h', 'ArrowRight', 'l', 'Home', 'End', 'x'].map(navKeyOf)).toEqual([
      'up', 'up', 'down', 'down', 'left', 'left', 'right', 'right', 'first', 'last', null,
    ]);
  });
});
