import { REQUEST_NAMES, type Api } from '../../shared/contract.js';
import type { BridgeApi } from '../../shared/ipc.js';
import { toApiError } from './api-error.js';
import type { Client, ConnectionState } from './types.js';

const OPEN: ConnectionState = { status: 'open', attempt: 0, retryAt: null, reason: null };

/** The client under Electron: the preload's `window.api`, with errors normalised to ApiError. */
export function createElectronClient(bridge: BridgeApi): Client {
  const api = Object.fromEntries(
    REQUEST_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        try {
          return await (bridge[name] as (i: unknown) => Promise<unknown>)(input);
        } catch (err) {
          throw toApiError(err);
        }
      },
    ]),
  ) as Api;
  const unsubscribers = new Set<() => void>();
  return {
    api,
    transport: 'electron',
    onEvent(listener) {
      const off = bridge.onEvent(listener);
      unsubscribers.add(off);
      return () => {
        unsubscribers.delete(off);
        off();
      };
    },
    // IPC to our own main process does not drop; the indicator always shows "live".
    onConnection: () => () => {},
    connection: () => OPEN,
    dispose() {
      for (const off of unsubscribers) off();
      unsubscribers.clear();
    },
  };
}
