import { useEffect } from 'react';
import { useInbox } from './use-inbox.js';

/** "(3) Switchboard": the tab (or window) title counts what waits for the user. */
export function useInboxTitle(): void {
  const count = useInbox().count;
  useEffect(() => {
    document.title = count ? `(${count}) Switchboard` : 'Switchboard';
  }, [count]);
}
