/**
 * The Electron main entry: the only file that imports `electron` for real. Everything else takes the
 * module as a parameter (see shell.ts), so it is tested against a fake. The core never runs here: the
 * shell attaches to the home's daemon, or starts one with utilityProcess.fork (the runAsNode fuse is
 * off, so ELECTRON_RUN_AS_NODE cannot be used).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray, utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import { resolveHome } from '../cli/daemon-control.js';
import { signalProcesses, type DaemonProcesses } from './daemon-link.js';
import type { ShellElectron } from './electron-api.js';
import { createShell } from './shell.js';
import { parseShellArgs } from './shell-args.js';

const electron: ShellElectron = { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray };
const args = parseShellArgs(process.argv.slice(1));
const home = resolveHome(args.home);
const daemonEntry = fileURLToPath(new URL('../host/daemon-entry.js', import.meta.url));

const processes: DaemonProcesses = {
  ...signalProcesses(home),
  // Resolves once the process runs; the link then waits for it to serve (server.json and /health).
  start: () =>
    new Promise<void>((resolve, reject) => {
      const child = utilityProcess.fork(daemonEntry, [home], { serviceName: 'Switchboard daemon', stdio: 'ignore' });
      child.once('spawn', () => resolve());
      child.once('exit', (code) => reject(new Error(`the background Switchboard exited (code ${code}) as it started; see ${home}/logs/daemon.log`)));
    }),
};

createShell(electron, {
  home,
  hidden: args.hidden,
  rendererDir: fileURLToPath(new URL('../../renderer/', import.meta.url)),
  preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  processes,
});
