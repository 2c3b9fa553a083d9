import { useEffect } from 'react';
import { isShortcut } from '../lib/platform.js';
import { useAppStore } from '../store/store-context.js';

const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** Keys typed in a dialog or into the agent's terminal are theirs. */
const inDialog = (el: EventTarget | null): boolean => el instanceof Element && el.closest('dialog, .xterm') != null;

/**
 * App-wide keys: N (or Ctrl/⌘+N in the desktop app, where the browser does not take it for a new
 * window) opens the New Task dialog from any screen; "/" jumps to the task search.
 */
export function useGlobalShortcuts(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const plainN = e.key.toLowerCase() === 'n' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey && !isTyping(e.target) && !inDialog(e.target);
      if (plainN || isShortcut(e, 'n', navigator.platform)) {
        e.preventDefault();
        store.getState().setNewTaskOpen(true);
        return;
      }
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
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
