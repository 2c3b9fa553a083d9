import { useEffect } from 'react';
import { useApp } from '../../store/store-context.js';
import type { RepoStatusEntry } from './projects-slice.js';

/**
 * The project's repository state, asked when the project is shown and again when the window
 * regains focus (the person may have committed in their editor meanwhile), never on a timer.
 */
export function useRepoStatus(projectId: number | null): { entry: RepoStatusEntry | undefined; refresh(): void } {
  const entry = useApp((s) => (projectId == null ? undefined : s.repoStatus[projectId]));
  const load = useApp((s) => s.loadRepoStatus);
  useEffect(() => {
    if (projectId == null) return;
    void load(projectId);
    const onFocus = () => void load(projectId);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [projectId, load]);
  return { entry, refresh: () => projectId != null && void load(projectId) };
}
