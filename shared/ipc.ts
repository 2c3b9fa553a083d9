/**
 * The desktop bridge: what the Electron preload exposes as `window.switchboard`, and its two channels.
 * The window speaks the contract to the daemon itself, over HTTP and the events WebSocket exactly as a
 * browser tab does (renderer/api/http-client.ts); main only tells it where the daemon is and its token,
 * and asks it to open a task (tray, notifications). This is the only place channel strings are made.
 */

/** Where the window reaches the daemon: its HTTP origin (loopback) and the bearer token. */
export interface DaemonAddress {
  origin: string;
  token: string;
}

/** `window.switchboard` in the desktop window. */
export interface DesktopBridge {
  /** Asks main, every time: after a daemon restart the answer names the new daemon. */
  daemon(): Promise<DaemonAddress>;
  /** Main asks the page to open a task (a click on the tray or a notification); returns the unsubscribe. */
  onOpenTask(listener: (taskId: string) => void): () => void;
}

export const IPC_PREFIX = 'switchboard:';
/** invoke: answers an IpcResult<DaemonAddress>, only to our own window's top frame. */
export const DAEMON_CHANNEL = `${IPC_PREFIX}daemon`;
/** main → window: the id of the task to open. */
export const OPEN_TASK_CHANNEL = `${IPC_PREFIX}open-task`;

/** What main answers an invoke with: never a thrown error (Electron would mangle it). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
