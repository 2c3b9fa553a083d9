/**
 * The preload (sandboxed, bundled to out/electron/preload/index.cjs): exposes `window.api`, one
 * function per contract request plus onEvent, and nothing else. No raw ipcRenderer, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('api', createBridge(ipcRenderer));
