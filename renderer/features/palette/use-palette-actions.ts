import { useMemo } from 'react';
import { taskActionsFor } from '../../../shared/models/task-transitions.js';
import { promptTitle } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import { NAV_SCREENS, SCREEN_LABELS } from '../nav/route.js';
import type { PaletteAction } from './palette-items.js';


/** The palette's actions: go to a screen, new task, shortcuts, and what the open task offers. */
export function usePaletteActions(): PaletteAction[] {
  const navigate = useApp((s) => s.navigate);
  const setNewTaskOpen = useApp((s) => s.setNewTaskOpen);
  const setHelpOpen = useApp((s) => s.setHelpOpen);
  const retryTask = useApp((s) => s.retryTask);
  const openTask = useApp((s) => (s.openTaskId ? s.tasksById[s.openTaskId] : undefined));
  const firstReview = useApp((s) => Object.values(s.tasksById).filter((t) => t.state === 'awaiting_review').sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt))[0]?.id);
  return useMemo(() => {
    const actions: PaletteAction[] = [
      { id: 'new-task', label: 'New task', run: () => setNewTaskOpen(true) },
      ...NAV_SCREENS.map((screen) => ({ id: `go:${screen}`, label: `Go to ${SCREEN_LABELS[screen]}`, run: () => navigate(screen) })),
      { id: 'help', label: 'Keyboard shortcuts', run: () => setHelpOpen(true) },
    ];
    if (firstReview) actions.splice(1, 0, { id: 'review-next', label: 'Review the oldest waiting change', detail: firstReview, run: () => navigate('review', firstReview) });
    if (openTask) {
      const can = taskActionsFor(openTask.state);
      const title = promptTitle(openTask.prompt, 60);
      if (can.review) actions.push({ id: 'open-review', label: 'Review the open task’s changes', detail: title, run: () => navigate('review', openTask.id) });
      if (can.retry) actions.push({ id: 'open-retry', label: 'Retry the open task', detail: title, run: () => void retryTask(openTask.id) });
    }
    return actions;
  }, [navigate, setNewTaskOpen, setHelpOpen, retryTask, openTask, firstReview]);
}
