import { useEffect } from 'react';
import { formatRoute, parseRoute } from '../features/nav/route.js';
import { formatTaskQuery } from '../features/tasks/task-view-url.js';
import { useAppStore } from '../store/store-context.js';
import type { AppState } from '../store/types.js';

const queryOf = (s: AppState): string => (s.screen === 'tasks' ? formatTaskQuery(s.filters, s.taskView) : '');

/**
 * Keeps the screen, the open task and the Tasks screen's filters and view in the URL fragment
 * (#/tasks/dispatch-…?view=list&q=…), so back/forward, a reload and a shared link all keep them. A
 * new screen or task adds a history entry; a filter typed or a sort picked replaces the current one.
 */
export function useHashRoute(): void {
  const store = useAppStore();
  useEffect(() => {
    const fromHash = () => {
      const route = parseRoute(window.location.hash);
      const s = store.getState();
      // A link to the Tasks screen sets its filters and view; coming back from another screen by a
      // plain #/tasks keeps the ones the store holds.
      if (route.screen === 'tasks' && (route.query || s.screen === 'tasks')) void s.applyTaskQuery(route.query ?? '');
      if (route.screen !== s.screen || route.taskId !== s.openTaskId || (route.screen === 'project' && route.projectId !== s.projectPageId)) s.setRoute(route);
    };
    fromHash();
    const unsubscribe = store.subscribe((s, prev) => {
      // Another project's board or page is a new place too: back returns to the one before.
      const moved = s.screen !== prev.screen || s.openTaskId !== prev.openTaskId || s.projectPageId !== prev.projectPageId || s.filters.projectId !== prev.filters.projectId;
      if (!moved && s.filters === prev.filters && s.taskView === prev.taskView) return;
      const hash = formatRoute({ screen: s.screen, taskId: s.openTaskId, projectId: s.projectPageId, query: queryOf(s) });
      if (window.location.hash === hash) return;
      if (moved) window.location.hash = hash;
      else window.history.replaceState(window.history.state, '', hash);
    });
    window.addEventListener('hashchange', fromHash);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', fromHash);
    };
  }, [store]);
}
