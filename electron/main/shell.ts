/**
 * The Electron shell, taking the electron module as a parameter: single-instance lock, the link to the
 * daemon (which runs the core in its own process), the app:// protocol, the window, the desktop
 * bridge (where the daemon is, for the window, which then calls it directly), tray and notifications. index.ts passes the real module; tests pass a fake. The shell only wires; the core's
 * decisions live in the daemon, the shell's own in pure functions (daemon-policy.ts).
 */
import { join } from 'node:path';
import { APP_SCHEME, createAppProtocolHandler, registerAppScheme } from './app-protocol.js';
import { createDaemonLink, type DaemonLink, type DaemonProcesses, type LinkState } from './daemon-link.js';
import { activeTaskCount, stopDaemonOnQuit, type QuitMode } from './daemon-policy.js';
import type { ShellElectron } from './electron-api.js';
import { drawIconBgra } from './icon-bitmap.js';
import { bindDesktopBridge, type IpcBinding } from './ipc.js';
import { createNotifier, type Notifier } from './notifier.js';
import { restrictPermissions } from './security.js';
import { createTray, type TrayController } from './tray.js';
import { createUpgradeOffer, type UpgradeOffer } from './upgrade-offer.js';
import { createWindowManager, type WindowManager } from './window.js';

export interface ShellOptions {
  home: string;
  /** The built renderer (out/renderer), served on app://. */
  rendererDir: string;
  /** The bundled preload (out/electron/preload/index.cjs). */
  preload: string;
  /** Starts and stops daemon processes (index.ts: detached, as `serve --detach`; tests: Node or in-process). */
  processes: DaemonProcesses;
  /** This app's version (default app.getVersion()); an older daemon is offered a restart once idle. */
  version?: string;
  /** Start in the tray without showing the window. */
  hidden?: boolean;
  log?(msg: string): void;
  trayDebounceMs?: number;
  healthIntervalMs?: number;
}

export interface Shell {
  /** False when another instance holds the lock (this one quits). */
  readonly primary: boolean;
  /** Resolves once attached to the daemon and the window, IPC and tray are up (or start-up failed and the app is quitting). */
  ready: Promise<void>;
  link: DaemonLink | null;
  windows: WindowManager | null;
  tray: TrayController | null;
  /** Quits the app: 'leave' keeps a busy daemon and its agents running, 'stop' stops them (the tray's two Quit items). */
  quit(mode: QuitMode): void;
  /** Settles once the quit sequence decided the daemon's fate and closed the link. */
  readonly closed: Promise<void>;
  dispose(): Promise<void>;
}

export function createShell(electron: ShellElectron, opts: ShellOptions): Shell {
  const { app } = electron;
  const log = opts.log ?? ((msg: string) => console.error(`switchboard: ${msg}`));
  // One window per home: the single-instance lock lives in userData, so point userData into the home.
  app.setPath('userData', join(opts.home, 'electron'));
  registerAppScheme(electron.protocol);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve(), link: null, windows: null, tray: null, quit: () => {}, closed: Promise.resolve(), dispose: async () => {} };
  }

  let ipc: IpcBinding | null = null;
  let notifier: Notifier | null = null;
  let offer: UpgradeOffer | null = null;
  let quitting = false;
  let quitMode: QuitMode = 'leave';
  let disposed = false;
  let showWhenReady = false;
  let wasRestarting = false;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

  // The window's state came from the old daemon's events: load it and the tray afresh from the new one.
  // On load the page asks daemon() again, so it reaches the new daemon (its port may have changed).
  const reloadFromDaemon = (): void => {
    void shell.tray?.refresh();
    for (const w of shell.windows?.windows() ?? []) w.webContents.reload();
  };
  const onLinkState = (state: LinkState, detail: string): void => {
    if (state === 'restarting' || state === 'stopped') {
      wasRestarting = true;
      shell.tray?.showProblem(detail);
      notifier?.show('Switchboard', detail);
      return;
    }
    if (state === 'connected' && wasRestarting) {
      wasRestarting = false;
      notifier?.show('Switchboard', 'The background service was restarted; interrupted tasks resume on their own.');
      reloadFromDaemon();
    }
  };
  const link = createDaemonLink({ home: opts.home, processes: opts.processes, log, onState: onLinkState, healthIntervalMs: opts.healthIntervalMs });

  const shell: Shell = {
    primary: true,
    ready: Promise.resolve(),
    link,
    windows: null,
    tray: null,
    closed,
    quit(mode) {
      quitMode = mode;
      app.quit();
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      offer?.dispose();
      shell.tray?.dispose();
      notifier?.dispose();
      ipc?.dispose();
      if (ipc) electron.protocol.unhandle(APP_SCHEME);
      shell.windows?.dispose();
      link.dispose();
      resolveClosed();
    },
  };

  // Quitting: stop the daemon only when asked to, or when it is an idle one this app started.
  const endDaemon = async (): Promise<void> => {
    if (!link.info()) return;
    let activeTasks = 0;
    try {
      activeTasks = activeTaskCount((await link.call('app.status', {})).counts);
    } catch {
      if (quitMode === 'leave') return; // cannot tell: never stop agents without being asked
    }
    if (!stopDaemonOnQuit(quitMode, { startedHere: link.startedHere(), activeTasks })) {
      if (activeTasks) log(`quitting; the background Switchboard keeps running ${activeTasks} active task(s)`);
      return;
    }
    try {
      await link.stopDaemon();
    } catch (err) {
      log(`could not stop the background Switchboard: ${(err as Error).message}`);
    }
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
    void endDaemon()
      .then(() => shell.dispose())
      .finally(() => app.quit());
  });

  const start = async (): Promise<void> => {
    await app.whenReady();
    try {
      await link.attach();
    } catch (err) {
      link.dispose();
      const message = err instanceof Error ? err.message : String(err);
      log(`could not start: ${message}`);
      electron.dialog.showErrorBox('Switchboard could not start', `${message}\n\nHome: ${opts.home}`);
      disposed = true;
      resolveClosed();
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
    ipc = bindDesktopBridge(electron.ipcMain, link, windows.windows, log);
    notifier = createNotifier({ electron, core: link, showWindow: show });
    const n = notifier;
    shell.tray = createTray({
      electron,
      core: link,
      showWindow: show,
      quit: (mode) => shell.quit(mode),
      notifyError: (title, message) => n.show(title, message),
      log,
      debounceMs: opts.trayDebounceMs,
    });
    await shell.tray.refresh();
    windows.ensure({ show: !opts.hidden || showWhenReady });
    offer = createUpgradeOffer({ electron, link, appVersion: opts.version ?? app.getVersion(), log, onRestarted: reloadFromDaemon });
  };
  shell.ready = start().catch((err: unknown) => {
    log(`start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    quitting = true;
    app.quit();
  });
  return shell;
}
