/**
 * The preload (sandboxed, bundled to out/electron/preload/index.cjs): exposes `window.switchboard`, the
 * tiny desktop bridge (where the daemon is, and "open this task"), and nothing else. No raw
 * ipcRenderer, no Node, no contract request: the page calls the daemon over HTTP itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('switchboard', createBridge(ipcRenderer));
