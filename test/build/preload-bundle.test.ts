/**
 * The bundled preload (out/electron/preload/index.cjs) runs as a sandboxed preload can: in a bare
 * context whose require() knows only the modules Electron allows there. It must expose `api` with
 * one function per contract request, and never hand out ipcRenderer itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../shared/contract.js';
import { EVENT_CHANNEL, requestChannel } from '../../shared/ipc.js';
import { ensureBuilt, outDir } from './built-app.js';

const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'];

beforeAll(() => ensureBuilt(), 180_000);

function runPreload() {
  const exposed: Record<string, Record<string, unknown>> = {};
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, (...a: unknown[]) => void>();
  const ipcRenderer = {
    invoke: async (channel: string, input: unknown) => {
      invoked.push({ channel, input });
      return channel === requestChannel('app.status') ? { ok: true, value: { pid: 1 } } : { ok: false, error: { code: 'not_found', message: 'nope' } };
    },
    on: (channel: string, l: (...a: unknown[]) => void) => listeners.set(channel, l),
    removeListener: (channel: string) => listeners.delete(channel),
  };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) }, ipcRenderer };
  const requireInSandbox = (name: string) => {
    if (!SANDBOX_MODULES.includes(name)) throw new Error(`module not found: ${name} (sandboxed preloads cannot load it)`);
    if (name === 'electron') return electron;
    throw new Error(`unexpected require of ${name}`);
  };
  const code = readFileSync(join(outDir, 'electron/preload/index.cjs'), 'utf8');
  const module = { exports: {} };
  const context = vm.createContext({ require: requireInSandbox, module, exports: module.exports, console });
  vm.runInContext(code, context, { filename: 'index.cjs' });
  return { exposed, invoked, listeners };
}

describe('bundled preload', () => {
  it('exposes window.api with one function per request plus onEvent, and nothing else', () => {
    const { exposed } = runPreload();
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed.api).sort()).toEqual([...REQUEST_NAMES, 'onEvent'].sort());
    expect(Object.values(exposed.api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('invokes the request channel, unwraps results and delivers events without the IPC event object', async () => {
    const { exposed, invoked, listeners } = runPreload();
    const api = exposed.api as Record<string, (x?: unknown) => Promise<unknown>> & { onEvent(l: (e: unknown) => void): () => void };
    expect(await api['app.status']({})).toEqual({ pid: 1 });
    await expect(api['tasks.get']({ id: 'dispatch-x' })).rejects.toMatchObject({ code: 'not_found', message: 'nope' });
    expect(invoked.map((i) => i.channel)).toEqual([requestChannel('app.status'), requestChannel('tasks.get')]);
    const seen: unknown[] = [];
    const off = api.onEvent((e) => seen.push(e));
    listeners.get(EVENT_CHANNEL)!({ sender: 'secret' }, { name: 'app.status', payload: {} });
    expect(seen).toEqual([{ name: 'app.status', payload: {} }]);
    off();
    expect(listeners.has(EVENT_CHANNEL)).toBe(false);
  });
});
