import { describe, expect, it } from 'vitest';
import { DAEMON_CHANNEL, OPEN_TASK_CHANNEL, type IpcResult } from '../../shared/ipc.js';
import { createBridge, type IpcRendererLike } from '../../electron/preload/bridge.js';
import { rendererOf, startShell, until } from '../main/shell-harness.js';

const fakeIpc = (answer: unknown) => ({ invoke: async () => answer, on: () => {}, removeListener: () => {} }) as unknown as IpcRendererLike;

describe('preload bridge', () => {
  it('exposes daemon() and onOpenTask, and no contract request', () => {
    const bridge = createBridge(fakeIpc(undefined));
    expect(Object.keys(bridge).sort()).toEqual(['daemon', 'onOpenTask']);
  });

  it("answers the daemon's origin and token from main, and the page reaches the daemon with them", async () => {
    const s = await startShell();
    const bridge = createBridge(rendererOf(s).ipc);
    const info = s.shell.link!.info()!;
    const { origin, token } = await bridge.daemon();
    expect(origin).toBe(new URL(info.url).origin);
    expect(token).toBe(info.token);
    const res = await fetch(`${origin}/api/tasks.list`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('asks main every time: after the daemon is restarted it names the new one', async () => {
    const s = await startShell();
    const bridge = createBridge(rendererOf(s).ipc);
    const before = await bridge.daemon();
    const first = s.daemons.current()!;
    await s.shell.link!.restart();
    expect(s.daemons.started).toHaveLength(2);
    const after = await bridge.daemon();
    // The first daemon is gone; the answer is the second one's, which serves.
    expect(after.origin).toBe(new URL(s.daemons.current()!.info.url).origin);
    expect(s.daemons.current()).not.toBe(first);
    if (after.origin !== before.origin) expect((await fetch(`${before.origin}/health`).catch(() => null))?.ok ?? false).toBe(false);
    expect((await fetch(`${after.origin}/health`)).ok).toBe(true);
  });

  it('rejects with the code and message main refused with, for a frame that is not our window', async () => {
    const s = await startShell();
    const bridge = createBridge(rendererOf(s, { url: 'https://evil.example/', parent: null }).ipc);
    const err = await bridge.daemon().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('own window') });
    // The fields are own enumerable data, so contextBridge copies them (it keeps only message of a native Error).
    expect(Object.keys(err as object)).toEqual(expect.arrayContaining(['code', 'message']));
  });

  it('turns a missing answer into an internal error rather than undefined', async () => {
    await expect(createBridge(fakeIpc(undefined as unknown as IpcResult<unknown>)).daemon()).rejects.toMatchObject({ code: 'internal' });
  });

  it("delivers main's 'open this task' with the task id only, and stops on unsubscribe", async () => {
    const s = await startShell();
    const { ipc, events } = rendererOf(s);
    const bridge = createBridge(ipc);
    const opened: unknown[] = [];
    const off = bridge.onOpenTask((id) => opened.push(id));
    s.shell.windows!.show('dispatch-a');
    await until(() => opened.length === 1, 'the open-task message');
    expect(opened).toEqual(['dispatch-a']);
    events.emit(OPEN_TASK_CHANNEL, { sender: 'x' }, { not: 'an id' }); // malformed: ignored
    off();
    s.shell.windows!.show('dispatch-b');
    expect(events.listenerCount(OPEN_TASK_CHANNEL)).toBe(0);
    expect(opened).toEqual(['dispatch-a']);
    expect(s.calls.ipcHandlers.has(DAEMON_CHANNEL)).toBe(true);
  });
});
