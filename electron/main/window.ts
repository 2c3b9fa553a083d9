/**
 * The one app window: locked-down webPreferences, content from app://, guards on navigation and
 * window.open. Closing hides it (the app lives in the tray); quitting goes through the tray menu.
 */
import { OPEN_TASK_CHANNEL } from '../../shared/ipc.js';
import { APP_ENTRY_URL } from './app-protocol.js';
import type { BrowserWindowLike, NativeImageLike, ShellElectron, WebPreferences } from './electron-api.js';
import { guardWebContents } from './security.js';

export interface WindowDeps {
  electron: Pick<ShellElectron, 'BrowserWindow' | 'shell'>;
  /** Absolute path of the bundled preload (out/electron/preload/index.cjs). */
  preload: string;
  isQuitting(): boolean;
  /** Allow DevTools (unpackaged builds). */
  devTools: boolean;
  icon?: NativeImageLike;
  log(msg: string): void;
}

export interface WindowManager {
  /** Shows and focuses the window (creating it if needed); with a taskId, asks the renderer to open that task. */
  show(taskId?: string): void;
  /** Creates the window without showing it focused (start-up). */
  ensure(opts?: { show?: boolean }): BrowserWindowLike;
  windows(): readonly BrowserWindowLike[];
  dispose(): void;
}

export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function createWindowManager(deps: WindowDeps): WindowManager {
  let win: BrowserWindowLike | null = null;
  let loaded = false;
  let pendingTask: string | null = null;

  // The page turns it into the client event 'ui.open-task' (renderer/api/desktop-client.ts).
  const sendOpenTask = (w: BrowserWindowLike, taskId: string) => w.webContents.send(OPEN_TASK_CHANNEL, taskId);

  const ensure = (opts: { show?: boolean } = {}): BrowserWindowLike => {
    if (win && !win.isDestroyed()) return win;
    const w = new deps.electron.BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 720,
      minHeight: 480,
      title: 'Switchboard',
      show: false,
      ...(deps.icon ? { icon: deps.icon } : {}),
      webPreferences: secureWebPreferences(deps.preload, deps.devTools),
    });
    win = w;
    loaded = false;
    guardWebContents(w.webContents, deps.electron.shell, deps.log);
    w.on('close', (event) => {
      if (deps.isQuitting()) return;
      event.preventDefault();
      w.hide();
    });
    w.on('closed', () => {
      if (win === w) win = null;
    });
    w.once('ready-to-show', () => {
      if (opts.show !== false) w.show();
    });
    w.webContents.on('did-finish-load', () => {
      loaded = true;
      if (pendingTask) sendOpenTask(w, pendingTask);
      pendingTask = null;
    });
    void w.loadURL(APP_ENTRY_URL).catch((err: unknown) => deps.log(`could not load ${APP_ENTRY_URL}: ${String(err)}`));
    return w;
  };

  return {
    ensure,
    show(taskId) {
      const w = ensure();
      if (w.isMinimized()) w.restore();
      w.show();
      w.focus();
      if (!taskId) return;
      if (loaded) sendOpenTask(w, taskId);
      else pendingTask = taskId;
    },
    windows: () => (win && !win.isDestroyed() ? [win] : []),
    dispose() {
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
    },
  };
}
