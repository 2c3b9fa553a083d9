/**
 * The Electron main entry: the only file that imports `electron` for real. Everything else takes the
 * module as a parameter (see shell.ts), so it is tested against a fake.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray } from 'electron';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/create-core.js';
import { resolveHome } from '../core/home.js';
import type { ShellElectron } from './electron-api.js';
import { createShell } from './shell.js';
import { parseShellArgs } from './shell-args.js';

const electron: ShellElectron = { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray };
const args = parseShellArgs(process.argv.slice(1));

createShell(electron, {
  home: resolveHome(args.home),
  hidden: args.hidden,
  rendererDir: fileURLToPath(new URL('../../renderer/', import.meta.url)),
  preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  createCore,
});
