import { useEffect, useRef } from 'react';
import { isPlainKey } from '../lib/keys.js';

/**
 * Single-key shortcuts for one view while it is shown: `keys` maps KeyboardEvent.key (" " for space)
 * to a handler. Keys typed into fields, dialogs and terminals are left alone.
 */
export function useKeyMap(keys: Record<string, () => void>, enabled = true): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isPlainKey(e)) return;
      // Space on a focused button presses it, as it should.
      if (e.key === ' ' && e.target instanceof Element && e.target.closest('button, a, summary')) return;
      const run = latest.current[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
