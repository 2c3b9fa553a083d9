import type { Terminal } from '@xterm/xterm';

/**
 * Copy keys, as in VS Code's terminal on Windows and Linux: Ctrl+C with text selected copies it and
 * clears the selection instead of sending ^C (SIGINT) to the agent; with nothing selected it still
 * interrupts. Ctrl+Shift+C copies and keeps the selection. On macOS ⌘C copies natively and Ctrl+C
 * always interrupts, as in Terminal.app, so nothing is intercepted there.
 */
export function attachClipboardKeys(term: Terminal, copy: (text: string) => void, mac: boolean): () => void {
  const handler = (e: KeyboardEvent): boolean => {
    if (e.type !== 'keydown' || e.key.toLowerCase() !== 'c' || e.altKey) return true;
    if (mac || !e.ctrlKey || e.metaKey) return true;
    const forceCopy = e.shiftKey;
    if (!term.hasSelection() && !forceCopy) return true; // plain Ctrl+C: the agent gets ^C
    e.preventDefault();
    const text = term.getSelection();
    if (text) copy(text);
    if (!forceCopy) term.clearSelection();
    return false;
  };
  term.attachCustomKeyEventHandler(handler);
  return () => term.attachCustomKeyEventHandler(() => true);
}
