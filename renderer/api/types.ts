import type { AnyEvent, Api } from '../../shared/contract.js';

/**
 * The event stream's state, shown by the connection indicator.
 * - connecting: first attempt; open: live; reconnecting: lost, retrying at `retryAt`;
 * - unauthorized: the token was refused, retrying will not help.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Failed attempts since the last open. */
  attempt: number;
  /** Epoch ms of the next attempt while reconnecting. */
  retryAt: number | null;
  /** Why the last attempt failed, for the indicator's tooltip. */
  reason: string | null;
}

/** What the renderer gets from its client: the typed contract, pushed events and the link state. */
export interface Client {
  readonly api: Api;
  /** Where the page runs: a browser tab, or the desktop window (whose shell shows notifications and
   * owns Ctrl/Cmd+N). Both speak to the daemon over HTTP and its events WebSocket. */
  readonly runsIn: 'desktop' | 'browser';
  onEvent(listener: (event: AnyEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  connection(): ConnectionState;
  dispose(): void;
}
