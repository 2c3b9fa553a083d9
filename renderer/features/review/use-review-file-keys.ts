import type { ChangeFile } from '../../../shared/models/change.js';
import { useKeyMap } from '../../app/use-key-map.js';
import { useAppStore } from '../../store/store-context.js';

/** j / k: the next or previous file in the tree's order; x: include or leave out the whole file. */
export function useReviewFileKeys(order: readonly ChangeFile[], enabled: boolean): void {
  const store = useAppStore();
  const step = (by: number) => {
    const s = store.getState();
    const at = order.findIndex((f) => f.path === s.review.selectedPath);
    const next = order[Math.min(order.length - 1, Math.max(0, at + by))];
    if (next && next.path !== s.review.selectedPath) void s.selectReviewFile(next.path);
  };
  useKeyMap(
    {
      j: () => step(1),
      k: () => step(-1),
      x: () => {
        const s = store.getState();
        const pending = s.review.change?.state === 'pending' && s.tasksById[s.review.taskId ?? '']?.state === 'awaiting_review';
        if (pending && s.review.selectedPath) s.toggleReviewFile(s.review.selectedPath);
      },
    },
    enabled,
  );
}
