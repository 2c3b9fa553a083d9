/**
 * What the preload exposes as `window.api`: one function per contract request, each invoking its own
 * channel and unwrapping the IpcResult, plus onEvent. Takes ipcRenderer as a parameter (type-only
 * electron import) so it can be tested against a fake.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { REQUEST_NAMES, type AnyEvent, type ErrorBody } from '../../shared/contract.js';
import { EVENT_CHANNEL, requestChannel, type BridgeApi, type IpcResult } from '../../shared/ipc.js';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** A failed request as the renderer receives it: `code`, `message` and `details`.
 * contextBridge copies a native Error with its message only and drops custom properties, so this is
 * an object with Error's prototype (instanceof Error here) that the bridge copies field by field. */
export interface BridgeError extends Error {
  code: ErrorBody['code'] | string;
  details?: ErrorBody['details'];
}

export function bridgeError(error: { code: string; message: string; details?: ErrorBody['details'] }): BridgeError {
  const err = Object.create(Error.prototype) as BridgeError;
  err.name = 'IpcError';
  err.code = error.code;
  err.message = error.message;
  if (error.details) err.details = error.details;
  return err;
}

export function createBridge(ipc: IpcRendererLike): BridgeApi {
  const api: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    const channel = requestChannel(name);
    api[name] = async (input: unknown) => {
      const result = (await ipc.invoke(channel, input)) as IpcResult<unknown>;
      if (result && result.ok) return result.value;
      throw bridgeError(result?.error ?? { code: 'internal', message: `${name}: the main process sent no answer` });
    };
  }
  api.onEvent = (listener: (event: AnyEvent) => void): (() => void) => {
    // The listener gets the event only, never the IpcRendererEvent (which exposes the sender).
    const wrapped = (_e: IpcRendererEvent, event: AnyEvent) => listener(event);
    ipc.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, wrapped);
    };
  };
  return api as BridgeApi;
}
