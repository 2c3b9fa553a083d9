/**
 * The desktop bridge's main side (shared/ipc.ts): one invoke, `daemon()`, answering our own window
 * where the daemon is and its token, so the page speaks the contract to the daemon itself over HTTP
 * and the events WebSocket, as a browser tab does. Main forwards no request and no event.
 */
import { DAEMON_CHANNEL, type DaemonAddress, type IpcResult } from '../../shared/ipc.js';
import type { ServerInfo } from '../host/server-info.js';
import { DAEMON_HOST, isAppUrl } from './app-protocol.js';
import type { BrowserWindowLike, ShellElectron, WebFrameLike } from './electron-api.js';

/** The sender is the top-level frame of one of our windows, showing our own origin. */
export function isTrustedSender(frame: WebFrameLike | null | undefined, windows: () => readonly BrowserWindowLike[]): boolean {
  if (!frame || frame.parent) return false;
  if (!isAppUrl(frame.url)) return false;
  return windows().some((w) => !w.isDestroyed() && w.webContents.mainFrame === frame);
}

/** The window's answer for the daemon the link talks to now; an error a person can act on otherwise. */
export function daemonAddress(info: Pick<ServerInfo, 'url' | 'token'> | null): IpcResult<DaemonAddress> {
  if (!info) return { ok: false, error: { code: 'unavailable', message: 'Switchboard is not connected to its background service yet; it retries on its own, and the window reloads once it is back' } };
  const url = new URL(info.url);
  // The window's CSP lets it reach loopback only (app-protocol.ts).
  if (url.hostname !== DAEMON_HOST) {
    return { ok: false, error: { code: 'unavailable', message: `the background Switchboard listens on ${url.host}, and the window may reach only ${DAEMON_HOST}: stop it (\`switchboard stop\`) and start the app again, or serve on loopback` } };
  }
  return { ok: true, value: { origin: url.origin, token: info.token } };
}

export interface IpcBinding {
  dispose(): void;
}

export function bindDesktopBridge(
  ipcMain: ShellElectron['ipcMain'],
  link: { info(): Pick<ServerInfo, 'url' | 'token'> | null },
  windows: () => readonly BrowserWindowLike[],
  log: (msg: string) => void,
): IpcBinding {
  ipcMain.handle(DAEMON_CHANNEL, (event): IpcResult<DaemonAddress> => {
    if (!isTrustedSender(event.senderFrame, windows)) {
      log(`refused daemon() from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return { ok: false, error: { code: 'unauthorized', message: 'daemon() was refused: IPC is accepted only from Switchboard’s own window' } };
    }
    return daemonAddress(link.info());
  });
  return {
    dispose() {
      ipcMain.removeHandler(DAEMON_CHANNEL);
    },
  };
}
