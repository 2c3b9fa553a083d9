/**
 * What the preload exposes as `window.switchboard` (shared/ipc.ts, DesktopBridge): `daemon()`, one
 * invoke answering where the daemon is and its token, and `onOpenTask`. Nothing else: the page speaks
 * the contract to the daemon itself. Takes ipcRenderer as a parameter (type-only electron import) so
 * it can be tested against a fake.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { DAEMON_CHANNEL, OPEN_TASK_CHANNEL, type DaemonAddress, type DesktopBridge, type IpcResult } from '../../shared/ipc.js';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** A refused or failed `daemon()`: contextBridge copies a native Error with its message only, so this
 * is an object with Error's prototype whose `code` and `message` are own fields it copies. */
export interface BridgeError extends Error {
  code: string;
}

export function bridgeError(error: { code: string; message: string }): BridgeError {
  const err = Object.create(Error.prototype) as BridgeError;
  err.name = 'IpcError';
  err.code = error.code;
  err.message = error.message;
  return err;
}

export function createBridge(ipc: IpcRendererLike): DesktopBridge {
  return {
    // Never cached: main answers the daemon it is linked to now.
    async daemon(): Promise<DaemonAddress> {
      const result = (await ipc.invoke(DAEMON_CHANNEL)) as IpcResult<DaemonAddress> | undefined;
      if (result?.ok) return { origin: result.value.origin, token: result.value.token };
      throw bridgeError(result?.error ?? { code: 'internal', message: 'the Switchboard app sent no answer for where its background service is' });
    },
    onOpenTask(listener) {
      // The listener gets the task id only, never the IpcRendererEvent (which exposes the sender).
      const wrapped = (_e: IpcRendererEvent, taskId: unknown) => {
        if (typeof taskId === 'string') listener(taskId);
      };
      ipc.on(OPEN_TASK_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(OPEN_TASK_CHANNEL, wrapped);
      };
    },
  };
}
