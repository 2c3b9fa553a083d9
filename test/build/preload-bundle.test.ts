/**
 * The bundled preload (out/electron/preload/index.cjs) runs as a sandboxed preload can: in a bare
 * context whose require() knows only the modules Electron allows there. It must expose `switchboard`
 * with daemon() and onOpenTask only, and never hand out ipcRenderer itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAEMON_CHANNEL, OPEN_TASK_CHANNEL } from '../../shared/ipc.js';
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
      return invoked.length === 1 ? { ok: true, value: { origin: 'http://127.0.0.1:7420', token: 'tok' } } : { ok: false, error: { code: 'unavailable', message: 'not connected' } };
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
  it('exposes window.switchboard with daemon() and onOpenTask, and nothing else', () => {
    const { exposed } = runPreload();
    expect(Object.keys(exposed)).toEqual(['switchboard']);
    expect(Object.keys(exposed.switchboard).sort()).toEqual(['daemon', 'onOpenTask']);
    expect(Object.values(exposed.switchboard).every((v) => typeof v === 'function')).toBe(true);
  });

  it('invokes the daemon channel each time, unwraps the answer, and delivers open-task without the IPC event object', async () => {
    const { exposed, invoked, listeners } = runPreload();
    const bridge = exposed.switchboard as { daemon(): Promise<unknown>; onOpenTask(l: (id: string) => void): () => void };
    expect(await bridge.daemon()).toEqual({ origin: 'http://127.0.0.1:7420', token: 'tok' });
    await expect(bridge.daemon()).rejects.toMatchObject({ code: 'unavailable', message: 'not connected' });
    expect(invoked.map((i) => i.channel)).toEqual([DAEMON_CHANNEL, DAEMON_CHANNEL]);
    const seen: unknown[] = [];
    const off = bridge.onOpenTask((id) => seen.push(id));
    listeners.get(OPEN_TASK_CHANNEL)!({ sender: 'secret' }, 'dispatch-1');
    expect(seen).toEqual(['dispatch-1']);
    off();
    expect(listeners.has(OPEN_TASK_CHANNEL)).toBe(false);
  });
});
