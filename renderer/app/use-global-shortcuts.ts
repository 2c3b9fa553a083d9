import { useEffect } from 'react';
import { inDialog, isTyping } from '../lib/keys.js';
import { isShortcut } from '../lib/platform.js';
import { useAppStore } from '../store/store-context.js';

/**
 * App-wide keys: N (or Ctrl/⌘+N in the desktop app, where the browser does not take it for a new
 * window) opens the New Task dialog from any screen (plain N but in Review, where n is the next hunk); Ctrl/⌘+K the command palette (from anywhere,
 * a field included); "?" the shortcut sheet; "/" jumps to the task search.
 */
export function useGlobalShortcuts(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      // In the agent's terminal Ctrl+K is the shell's own (kill to the end of the line).
      if (isShortcut(e, 'k', navigator.platform) && !(e.target instanceof Element && e.target.closest('.xterm'))) {
        e.preventDefault();
        s.setPaletteOpen(!s.paletteOpen);
        return;
      }
      const free = !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target) && !inDialog(e.target);
      const plainN = free && e.key.toLowerCase() === 'n' && !e.shiftKey;
      if ((plainN && s.screen !== 'review') || isShortcut(e, 'n', navigator.platform)) {
        e.preventDefault();
        s.setNewTaskOpen(true);
        return;
      }
      if (free && e.key === '?') {
        e.preventDefault();
        s.setHelpOpen(true);
        return;
      }
      if (e.key === '/' && free) {
        const search = document.getElementById('task-search');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
