/**
 * The Electron main entry: the only file that imports `electron` for real. Everything else takes the
 * module as a parameter (see shell.ts), so it is tested against a fake. The core never runs here: the
 * shell attaches to the home's daemon, or starts one in the background exactly as `switchboard serve
 * --detach` does: this Electron binary run as Node (ELECTRON_RUN_AS_NODE), detached, in a session of its
 * own. Not utilityProcess.fork: a utility process is a Chromium child and ends with the app, while the
 * daemon and its agents must outlive a plain Quit (issue 13). So the runAsNode fuse stays on
 * (build/electron-builder.yml).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray } from 'electron';
import { fileURLToPath } from 'node:url';
import { resolveHome, startDetached } from '../cli/daemon-control.js';
import { signalProcesses, type DaemonProcesses } from './daemon-link.js';
import type { ShellElectron } from './electron-api.js';
import { createShell } from './shell.js';
import { parseShellArgs } from './shell-args.js';

const electron: ShellElectron = { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray };
const args = parseShellArgs(process.argv.slice(1));
const home = resolveHome(args.home);

const processes: DaemonProcesses = {
  ...signalProcesses(home),
  // Resolves once the daemon serves (server.json names its pid and /health answers).
  start: async () => {
    await startDetached({ home, serveArgs: [] });
  },
};

createShell(electron, {
  home,
  hidden: args.hidden,
  rendererDir: fileURLToPath(new URL('../../renderer/', import.meta.url)),
  preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  processes,
});
