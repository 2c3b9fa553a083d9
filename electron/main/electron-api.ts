/**
 * The slice of the `electron` module the shell uses. Only electron/main/index.ts imports `electron`
 * for real and passes it in; everything else takes this type, so tests can hand in a small fake.
 * The types are Electron's own (type-only import), so the real module is checked against them.
 */
import type * as Electron from 'electron';

export interface ShellElectron {
  app: Pick<
    Electron.App,
    'requestSingleInstanceLock' | 'on' | 'quit' | 'whenReady' | 'setPath' | 'getPath' | 'setAppUserModelId' | 'isPackaged' | 'getVersion'
  >;
  BrowserWindow: {
    new (options: Electron.BrowserWindowConstructorOptions): Electron.BrowserWindow;
  };
  ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle'>;
  session: { defaultSession: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> };
  shell: Pick<Electron.Shell, 'openExternal'>;
  Tray: { new (image: Electron.NativeImage): Electron.Tray };
  Menu: Pick<typeof Electron.Menu, 'buildFromTemplate'>;
  Notification: { new (options: Electron.NotificationConstructorOptions): Electron.Notification; isSupported(): boolean };
  nativeImage: Pick<typeof Electron.nativeImage, 'createFromBitmap'>;
  dialog: Pick<Electron.Dialog, 'showErrorBox'> & { showMessageBox(options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> };
}

export type BrowserWindowLike = Electron.BrowserWindow;
export type WebContentsLike = Electron.WebContents;
export type WebFrameLike = Electron.WebFrameMain;
export type MenuItemOptions = Electron.MenuItemConstructorOptions;
export type NotificationLike = Electron.Notification;
export type NativeImageLike = Electron.NativeImage;
export type WebPreferences = Electron.WebPreferences;
