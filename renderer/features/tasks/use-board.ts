import { useMemo } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { useApp } from '../../store/store-context.js';
import { BOARD_COLUMNS, groupTasks, type Board } from './task-board.js';
import { hasFilters, matchesFilters } from './task-filters.js';

export interface BoardView {
  board: Board;
  /** The columns' tasks left to right, for keyboard navigation. */
  columns: Task[][];
  filtered: boolean;
  total: number;
  /** Every task that matches, unordered (the list view sorts and groups them itself). */
  matching: Task[];
}

/** The board as the user sees it: every known task that matches the filters, grouped by column. */
export function useBoard(): BoardView {
  const tasksById = useApp((s) => s.tasksById);
  const filters = useApp((s) => s.filters);
  return useMemo(() => {
    const matching = Object.values(tasksById).filter((t) => matchesFilters(t, filters));
    const board = groupTasks(matching);
    return { matching, board, columns: BOARD_COLUMNS.map((c) => board[c.id]), filtered: hasFilters(filters), total: matching.length };
  }, [tasksById, filters]);
}
