import { useEffect } from 'react';
import { formatRoute, parseRoute } from '../features/nav/route.js';
import { useAppStore } from '../store/store-context.js';

/** Keeps the screen and open task in the URL fragment (#/tasks/dispatch-…), so back/forward work. */
export function useHashRoute(): void {
  const store = useAppStore();
  useEffect(() => {
    const fromHash = () => {
      const route = parseRoute(window.location.hash);
      const s = store.getState();
      if (route.screen !== s.screen || route.taskId !== s.openTaskId) s.setRoute(route);
    };
    fromHash();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.screen === prev.screen && s.openTaskId === prev.openTaskId) return;
      const hash = formatRoute({ screen: s.screen, taskId: s.openTaskId });
      if (window.location.hash !== hash) window.location.hash = hash;
    });
    window.addEventListener('hashchange', fromHash);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', fromHash);
    };
  }, [store]);
}
