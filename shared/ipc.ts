/**
 * The Electron bridge: what the preload exposes as `window.api`, and the channel names main listens on.
 * This is the only place channel strings are made (ARCHITECTURE.md, "One contract").
 */
import type { AnyEvent, Api, RequestName } from './contract.js';

/** `window.api` under Electron: one function per contract request, plus the event stream. */
export type BridgeApi = Api & {
  /** Subscribes to every pushed event; returns the unsubscribe function. */
  onEvent(listener: (event: AnyEvent) => void): () => void;
};

export const IPC_PREFIX = 'switchboard:';
export const requestChannel = (name: RequestName): string => `${IPC_PREFIX}request:${name}`;
export const EVENT_CHANNEL = `${IPC_PREFIX}event`;

/** What main answers an IPC request with: never a thrown error (Electron would mangle it). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: { path: string; message: string }[] } };
