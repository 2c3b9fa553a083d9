/**
 * IPC binding: one ipcMain.handle per contract request, each refusing foreign senders and answering
 * an IpcResult (never a throw), plus every bus event forwarded to our windows.
 */
import { ERROR_CODES, REQUEST_NAMES, type ErrorBody, type RequestName, type RequestOutput } from '../../shared/contract.js';
import { EVENT_CHANNEL, requestChannel, type IpcResult } from '../../shared/ipc.js';
import type { Bus } from '../core/bus.js';
import { isAppUrl } from './app-protocol.js';
import type { BrowserWindowLike, ShellElectron, WebFrameLike } from './electron-api.js';

/** What the shell needs of the core: the contract's calls and its events (the daemon link gives both). */
export interface CoreLike {
  call<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>>;
  bus: Pick<Bus, 'on' | 'onAny'>;
}

/** A failure as the contract's error body: the daemon's own code and details, else `unavailable` (it cannot be reached). */
export function toIpcError(err: unknown): ErrorBody {
  const e = err as { code?: unknown; message?: unknown; details?: ErrorBody['details'] };
  const message = err instanceof Error ? err.message : String(err);
  const code = (ERROR_CODES as readonly unknown[]).includes(e?.code) ? (e.code as ErrorBody['code']) : 'unavailable';
  return e?.details ? { code, message, details: e.details } : { code, message };
}

/** The sender is the top-level frame of one of our windows, showing our own origin. */
export function isTrustedSender(frame: WebFrameLike | null | undefined, windows: () => readonly BrowserWindowLike[]): boolean {
  if (!frame || frame.parent) return false;
  if (!isAppUrl(frame.url)) return false;
  return windows().some((w) => !w.isDestroyed() && w.webContents.mainFrame === frame);
}

export interface IpcBinding {
  dispose(): void;
}

export function bindIpc(
  ipcMain: ShellElectron['ipcMain'],
  core: CoreLike,
  windows: () => readonly BrowserWindowLike[],
  log: (msg: string) => void,
): IpcBinding {
  const channels = REQUEST_NAMES.map((name) => {
    const channel = requestChannel(name);
    ipcMain.handle(channel, async (event, input: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event.senderFrame, windows)) {
        log(`refused ${name} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return { ok: false, error: { code: 'unauthorized', message: `${name} was refused: IPC is accepted only from Switchboard's own window` } };
      }
      try {
        return { ok: true, value: await core.call(name, input) };
      } catch (err) {
        const body = toIpcError(err);
        if (body.code === 'internal' || body.code === 'unavailable') log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { ok: false, error: body };
      }
    });
    return channel;
  });

  const unsubscribe = core.bus.onAny((event) => {
    for (const w of windows()) {
      if (!w.isDestroyed() && !w.webContents.isDestroyed()) w.webContents.send(EVENT_CHANNEL, event);
    }
  });

  return {
    dispose() {
      unsubscribe();
      for (const channel of channels) ipcMain.removeHandler(channel);
    },
  };
}
