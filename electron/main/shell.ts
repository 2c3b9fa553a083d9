/**
 * The Electron shell, taking the electron module as a parameter: single-instance lock, the core,
 * the app:// protocol, the window, IPC, tray and notifications. index.ts passes the real module;
 * tests pass a fake. The shell only wires; every decision lives in the core or a pure function.
 */
import { join } from 'node:path';
import type { Core, CoreOptions } from '../core/create-core.js';
import { homePaths } from '../core/home.js';
import { lockHome, type HomeLock } from '../host/home-lock.js';
import { publishHost, type Published } from '../host/publish.js';
import { APP_SCHEME, createAppProtocolHandler, registerAppScheme } from './app-protocol.js';
import type { ShellElectron } from './electron-api.js';
import { drawIconBgra } from './icon-bitmap.js';
import { bindIpc, type IpcBinding } from './ipc.js';
import { createNotifier, type Notifier } from './notifier.js';
import { restrictPermissions } from './security.js';
import { createTray, type TrayController } from './tray.js';
import { createWindowManager, type WindowManager } from './window.js';

export interface ShellOptions {
  home: string;
  /** The built renderer (out/renderer), served on app://. */
  rendererDir: string;
  /** The bundled preload (out/electron/preload/index.cjs). */
  preload: string;
  createCore(opts: CoreOptions): Core;
  /** Start in the tray without showing the window. */
  hidden?: boolean;
  log?(msg: string): void;
  trayDebounceMs?: number;
}

export interface Shell {
  /** False when another instance holds the lock (this one quits). */
  readonly primary: boolean;
  /** Resolves once the core, window, IPC and tray are up (or start-up failed and the app is quitting). */
  ready: Promise<void>;
  core(): Core | null;
  windows: WindowManager | null;
  tray: TrayController | null;
  dispose(): Promise<void>;
}

export function createShell(electron: ShellElectron, opts: ShellOptions): Shell {
  const { app } = electron;
  const log = opts.log ?? ((msg: string) => console.error(`switchboard: ${msg}`));
  // One instance per home: the lock lives in userData, so point userData into the home.
  app.setPath('userData', join(opts.home, 'electron'));
  registerAppScheme(electron.protocol);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve(), core: () => null, windows: null, tray: null, dispose: async () => {} };
  }

  let core: Core | null = null;
  let published: Published | null = null;
  let ipc: IpcBinding | null = null;
  let notifier: Notifier | null = null;
  let quitting = false;
  let disposed = false;
  let homeLock: HomeLock | null = null;
  let showWhenReady = false;

  const shell: Shell = {
    primary: true,
    ready: Promise.resolve(),
    core: () => core,
    windows: null,
    tray: null,
    async dispose() {
      if (disposed) return;
      disposed = true;
      shell.tray?.dispose();
      notifier?.dispose();
      ipc?.dispose();
      if (core) electron.protocol.unhandle(APP_SCHEME);
      shell.windows?.dispose();
      await published?.close();
      await core?.dispose();
      homeLock?.release();
    },
  };

  const show = (taskId?: string) => {
    if (shell.windows) shell.windows.show(taskId);
    else showWhenReady = true;
  };

  app.on('second-instance', () => show());
  app.on('activate', () => show());
  // The app lives in the tray: closing the last window does not quit.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    void shell.dispose().finally(() => app.quit());
  });

  const start = async (): Promise<void> => {
    await app.whenReady();
    try {
      // One instance per home across both shells, and the CLI finds this one through server.json.
      const paths = homePaths(opts.home);
      homeLock = await lockHome(paths);
      core = opts.createCore({ home: opts.home, mode: 'electron', watchConfig: true, runTasks: true });
      published = await publishHost(core, paths, { port: 0, bindHost: '127.0.0.1', staticDir: opts.rendererDir });
    } catch (err) {
      await core?.dispose();
      core = null;
      homeLock?.release();
      homeLock = null;
      const message = err instanceof Error ? err.message : String(err);
      log(`could not start: ${message}`);
      electron.dialog.showErrorBox('Switchboard could not start', `${message}\n\nHome: ${opts.home}`);
      quitting = true;
      app.quit();
      return;
    }
    app.setAppUserModelId('dev.switchboard.app');
    restrictPermissions(electron.session.defaultSession);
    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(opts.rendererDir));
    const icon = electron.nativeImage.createFromBitmap(drawIconBgra(64), { width: 64, height: 64 });
    const windows = createWindowManager({
      electron,
      preload: opts.preload,
      isQuitting: () => quitting,
      devTools: !app.isPackaged,
      icon,
      log,
    });
    shell.windows = windows;
    ipc = bindIpc(electron.ipcMain, core, windows.windows, log);
    notifier = createNotifier({ electron, core, showWindow: show });
    const n = notifier;
    shell.tray = createTray({
      electron,
      core,
      showWindow: show,
      quit: () => app.quit(),
      notifyError: (title, message) => n.show(title, message),
      log,
      debounceMs: opts.trayDebounceMs,
    });
    await shell.tray.refresh();
    windows.ensure({ show: !opts.hidden || showWhenReady });
  };
  shell.ready = start().catch((err: unknown) => {
    log(`start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    quitting = true;
    app.quit();
  });
  return shell;
}
