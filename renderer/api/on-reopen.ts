import type { Client } from './types.js';

/**
 * Calls `listener` each time the client's event link becomes open after being anything else
 * (connecting, reconnecting). Events pushed while it was down are gone, so a live view re-reads
 * what it shows from the store then. Returns the unsubscribe.
 */
export function onReopen(client: Pick<Client, 'onConnection' | 'connection'>, listener: () => void): () => void {
  let wasOpen = client.connection().status === 'open';
  return client.onConnection((state) => {
    const isOpen = state.status === 'open';
    if (isOpen && !wasOpen) listener();
    wasOpen = isOpen;
  });
}
