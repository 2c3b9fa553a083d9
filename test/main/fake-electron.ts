/**
 * A small fake of the parts of `electron` the shell uses: it records calls and handlers and plays
 * the events a real app would send (close, navigation, IPC from a given frame, quit).
 */
import { EventEmitter } from 'node:events';
import type { ShellElectron } from '../../electron/main/electron-api.js';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; args: unknown[] }[] = [];
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame: FakeFrame = { url: '', parent: null };
  destroyed = false;
  reloads = 0;
  reload(): void {
    this.reloads++;
  }
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Plays a navigation attempt; returns whether it was prevented. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const e = new FakeEvent(url);
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  visible = false;
  focused = 0;
  destroyed = false;
  url = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.url = url;
    this.webContents.mainFrame.url = url;
    setImmediate(() => {
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused++;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** Like a click on the window's close button: returns whether the window was really closed. */
  close(): boolean {
    const e = new FakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return false;
    this.destroy();
    return true;
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip = '';
  menu: { template: unknown[] } | null = null;
  images: unknown[] = [];
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.images.push(image);
    FakeTray.instances.push(this);
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(m: { template: unknown[] }): void {
    this.menu = m;
  }
  setImage(i: unknown): void {
    this.images.push(i);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  shown = false;
  closed = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

type Handler = (event: { senderFrame: FakeFrame | null }, ...args: unknown[]) => unknown;

export function createFakeElectron(opts: { gotLock?: boolean; version?: string; messageBoxResponse?: number } = {}) {
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  const app = new EventEmitter() as EventEmitter & Record<string, unknown>;
  const calls = {
    quit: 0,
    paths: {} as Record<string, string>,
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Handler>(),
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void),
    permissionCheck: null as null | ((...a: unknown[]) => boolean),
    openedExternal: [] as string[],
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as { message: string; buttons?: string[] }[],
    exited: false,
  };
  Object.assign(app, {
    isPackaged: false,
    requestSingleInstanceLock: () => opts.gotLock ?? true,
    whenReady: () => Promise.resolve(),
    setPath: (name: string, p: string) => (calls.paths[name] = p),
    getPath: (name: string) => calls.paths[name] ?? `/fake/${name}`,
    setAppUserModelId: () => {},
    getVersion: () => opts.version ?? '0.1.0',
    // Plays Electron's quit sequence: before-quit, close every window, will-quit (each may be prevented).
    quit: () => {
      calls.quit++;
      const before = new FakeEvent();
      app.emit('before-quit', before);
      if (before.defaultPrevented) return;
      for (const w of FakeBrowserWindow.instances) if (!w.isDestroyed() && !w.close()) return;
      const will = new FakeEvent();
      app.emit('will-quit', will);
      if (!will.defaultPrevented) calls.exited = true;
    },
  });
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, h: Handler) => {
        if (calls.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        calls.ipcHandlers.set(channel, h);
      },
      removeHandler: (channel: string) => calls.ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => calls.schemes.push(...s),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => calls.protocolHandlers.set(scheme, h),
      unhandle: (scheme: string) => calls.protocolHandlers.delete(scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof calls.permissionRequest) => (calls.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof calls.permissionCheck) => (calls.permissionCheck = h),
        setDevicePermissionHandler: () => {},
      },
    },
    shell: { openExternal: async (url: string) => void calls.openedExternal.push(url) },
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    Notification: FakeNotification,
    nativeImage: { createFromBitmap: (buffer: Buffer, o: unknown) => ({ buffer, o }) },
    dialog: {
      showErrorBox: (title: string, content: string) => calls.errorBoxes.push({ title, content }),
      showMessageBox: async (o: { message: string; buttons?: string[] }) => {
        calls.messageBoxes.push(o);
        return { response: opts.messageBoxResponse ?? 1, checkboxChecked: false };
      },
    },
  };
  /** Calls an IPC handler the way ipcRenderer.invoke from `frame` would. */
  const invoke = async (channel: string, frame: FakeFrame | null, ...args: unknown[]) => {
    const h = calls.ipcHandlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame: frame }, ...args);
  };
  return { electron: electron as unknown as ShellElectron, app, calls, invoke };
}
