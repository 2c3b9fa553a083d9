/** The focus is in a field that takes text: single-letter shortcuts are the user's typing there. */
export const isTyping = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** Keys typed in a dialog or into the agent's terminal are theirs. */
export const inDialog = (el: EventTarget | null): boolean => el instanceof Element && el.closest('dialog, .xterm') != null;

/** A single key with no Ctrl, ⌘ or Alt (Shift allowed: "?" is Shift+/), outside fields, dialogs and terminals. */
export const isPlainKey = (e: KeyboardEvent): boolean =>
  !e.ctrlKey && !e.metaKey && !e.altKey && !e.defaultPrevented && !isTyping(e.target) && !inDialog(e.target) && !document.querySelector('dialog[open]');
