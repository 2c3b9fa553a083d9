import { useCallback, type KeyboardEvent } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { useAppStore } from '../../store/store-context.js';
import { moveSelection, navKeyOf } from './board-navigation.js';

/**
 * Keys on the board: arrows or h/j/k/l move the selection, Home/End jump in a column, Enter opens
 * the task (Escape, handled by the pane, closes it). Returns the board's onKeyDown handler.
 */
export function useBoardKeyboard(columns: Task[][]) {
  const store = useAppStore();
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const s = store.getState();
      if (e.key === 'Enter' && s.selectedTaskId) {
        e.preventDefault();
        s.openTask(s.selectedTaskId);
        return;
      }
      const move = navKeyOf(e.key);
      if (!move) return;
      e.preventDefault();
      const next = moveSelection(columns, s.selectedTaskId, move);
      if (next && next !== s.selectedTaskId) {
        s.selectTask(next);
        document.getElementById(cardDomId(next))?.focus();
      }
    },
    [columns, store],
  );
}

export const cardDomId = (taskId: string): string => `task-card-${taskId}`;
