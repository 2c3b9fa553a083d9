import type { Task, TaskState } from '../../../shared/models/task.js';

export type ColumnId = 'queued' | 'running' | 'input' | 'review' | 'done' | 'failed';

export interface BoardColumn {
  id: ColumnId;
  title: string;
  states: readonly TaskState[];
  /** What an empty column tells the user. */
  empty: string;
}

/** The board, left to right in the order a task travels. Every state lands in exactly one column. */
export const BOARD_COLUMNS: readonly BoardColumn[] = [
  { id: 'queued', title: 'Queued', states: ['queued'], empty: 'Nothing waiting. Start one with New task.' },
  { id: 'running', title: 'Running', states: ['preparing', 'running'], empty: 'No agent is working right now.' },
  { id: 'input', title: 'Awaiting input', states: ['awaiting_input'], empty: 'No agent is waiting for you.' },
  { id: 'review', title: 'Awaiting review', states: ['awaiting_review'], empty: 'Nothing to review yet.' },
  { id: 'done', title: 'Done', states: ['applied', 'pr_opened', 'rejected', 'no_changes', 'cancelled'], empty: 'Finished tasks show up here.' },
  { id: 'failed', title: 'Failed', states: ['failed', 'timed_out', 'interrupted'], empty: 'No failures.' },
];

/** States the board loads in full; the rest (finished) are paged, newest first. */
export const OPEN_STATES: TaskState[] = ['queued', 'preparing', 'running', 'awaiting_input', 'awaiting_review', 'interrupted'];
export const CLOSED_STATES: TaskState[] = ['applied', 'pr_opened', 'rejected', 'no_changes', 'cancelled', 'failed', 'timed_out'];

export const columnOf = (state: TaskState): ColumnId => BOARD_COLUMNS.find((c) => c.states.includes(state))!.id;

const time = (s: string | null): number => (s ? Date.parse(s) : 0);

/** Queued tasks in the order the scheduler takes them (priority, then oldest); the rest newest first. */
function compareIn(column: ColumnId) {
  if (column === 'queued') return (a: Task, b: Task) => b.priority - a.priority || time(a.createdAt) - time(b.createdAt) || a.id.localeCompare(b.id);
  return (a: Task, b: Task) => time(b.updatedAt) - time(a.updatedAt) || b.id.localeCompare(a.id);
}

export type Board = Record<ColumnId, Task[]>;

export function groupTasks(tasks: Iterable<Task>): Board {
  const board = Object.fromEntries(BOARD_COLUMNS.map((c) => [c.id, [] as Task[]])) as Board;
  for (const t of tasks) board[columnOf(t.state)].push(t);
  for (const c of BOARD_COLUMNS) board[c.id].sort(compareIn(c.id));
  return board;
}

/**
 * The count in a column's header. Without filters the app's per-state totals are the truth (the
 * board may show only the newest page of finished tasks); with filters it is what matches.
 */
export function columnCount(column: BoardColumn, shown: number, totals: Partial<Record<TaskState, number>> | null, filtered: boolean): number {
  if (filtered || !totals) return shown;
  const total = column.states.reduce((n, s) => n + (totals[s] ?? 0), 0);
  return Math.max(total, shown);
}
