import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES } from '../../shared/contract.js';
import type { IpcResult } from '../../shared/ipc.js';
import { createBridge, type IpcRendererLike } from '../../electron/preload/bridge.js';
import { startShell } from '../main/shell-harness.js';

/** An ipcRenderer wired to the fake ipcMain as the shell's own window. */
function rendererOf(s: Awaited<ReturnType<typeof startShell>>) {
  const events = new EventEmitter();
  const ipc = {
    invoke: (channel: string, ...args: unknown[]) => s.invoke(channel, s.win!.webContents.mainFrame, ...args),
    on: (channel: string, l: (...a: unknown[]) => void) => events.on(channel, l),
    removeListener: (channel: string, l: (...a: unknown[]) => void) => events.removeListener(channel, l),
  };
  // Deliver what main sends to the window, as Electron would (event object first).
  const origSend = s.win!.webContents.send.bind(s.win!.webContents);
  s.win!.webContents.send = (channel: string, ...args: unknown[]) => {
    origSend(channel, ...args);
    events.emit(channel, { sender: 'ipcRenderer' }, ...args);
  };
  return ipc as unknown as IpcRendererLike;
}

describe('preload bridge', () => {
  it('exposes one function per contract request plus onEvent', () => {
    const bridge = createBridge({ invoke: async () => ({ ok: true, value: 1 }), on: () => {}, removeListener: () => {} } as unknown as IpcRendererLike);
    expect(Object.keys(bridge).sort()).toEqual([...REQUEST_NAMES, 'onEvent'].sort());
  });

  it('reaches the real core through main and unwraps the result', async () => {
    const s = await startShell();
    const api = createBridge(rendererOf(s));
    const seen: string[] = [];
    const off = api.onEvent((e) => seen.push(e.name));
    // A second listener that stays: it shows when the cancel's change has arrived (events come from the
    // daemon over its event socket, in batches, so nothing here may assume they are already in).
    const states: string[] = [];
    let taskId = '';
    const offAll = api.onEvent((e) => {
      const changed = e as { name: string; payload: { task?: { id: string; state: string } } };
      if (changed.name === 'task.changed' && changed.payload.task?.id === taskId) states.push(changed.payload.task.state);
    });
    const task = await api['tasks.create']({ projectDir: s.project, prompt: 'through the bridge' });
    expect(task).toMatchObject({ state: 'queued', prompt: 'through the bridge' });
    taskId = task.id;
    expect((await api['tasks.get']({ id: task.id })).task.id).toBe(task.id);
    await vi.waitFor(() => expect(seen).toContain('task.changed'), { timeout: 20_000, interval: 50 });
    off();
    const before = seen.length;
    await api['tasks.cancel']({ id: task.id });
    await vi.waitFor(() => expect(states).toContain('cancelled'), { timeout: 20_000, interval: 50 });
    expect(seen).toHaveLength(before); // the first listener, removed, heard none of it
    offAll();
  });

  it('rejects with the code, message and field details of a failure', async () => {
    const s = await startShell();
    const api = createBridge(rendererOf(s));
    const err = await api['tasks.create']({ projectDir: s.project, prompt: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('prompt') });
    expect((err as { details: { path: string }[] }).details[0].path).toBe('prompt');
    // The fields are own enumerable data, so contextBridge copies them (it keeps only message of a native Error).
    expect(Object.keys(err as object)).toEqual(expect.arrayContaining(['code', 'message', 'details']));
    const missing = await api['tasks.get']({ id: 'dispatch-missing' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'not_found' });
  });

  it('turns a missing answer into an internal error rather than undefined', async () => {
    const api = createBridge({ invoke: async () => undefined as unknown as IpcResult<unknown>, on: () => {}, removeListener: () => {} } as unknown as IpcRendererLike);
    await expect(api['app.status']({})).rejects.toMatchObject({ code: 'internal' });
  });
});
