import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract.js';
import type { DesktopBridge } from '../../../shared/ipc.js';
import { createClient, type ClientWindow } from '../../../renderer/api/create-client.js';
import { createDesktopClient } from '../../../renderer/api/desktop-client.js';
import type { SocketLike } from '../../../renderer/api/event-socket.js';

/** A bridge as the preload gives it, counting daemon() calls and holding the open-task listeners. */
function fakeBridge(answer: () => Promise<{ origin: string; token: string }>) {
  const openTask = new Set<(id: string) => void>();
  let asked = 0;
  const bridge: DesktopBridge = {
    daemon: () => (asked++, answer()),
    onOpenTask(l) {
      openTask.add(l);
      return () => openTask.delete(l);
    },
  };
  return { bridge, openTask, asked: () => asked };
}

const idleSocket = (): SocketLike => ({ onopen: null, onmessage: null, onclose: null, onerror: null, close() {} });

describe('the desktop client', () => {
  it("is the browser's HTTP client against the daemon main names, with main's token", async () => {
    const { bridge, asked } = fakeBridge(async () => ({ origin: 'http://127.0.0.1:7420', token: 'tok' }));
    const requests: { url: string; auth: string | null }[] = [];
    const sockets: string[] = [];
    const client = await createDesktopClient(bridge, {
      fetch: async (url, init) => {
        requests.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') });
        return new Response(JSON.stringify({ tasks: [], nextCursor: null }), { status: 200 });
      },
      connect: (url) => (sockets.push(url), idleSocket()),
    });
    expect(asked()).toBe(1);
    expect(client.runsIn).toBe('desktop');
    await client.api['tasks.list']({});
    expect(requests).toEqual([{ url: 'http://127.0.0.1:7420/api/tasks.list', auth: 'Bearer tok' }]);
    expect(sockets).toEqual(['ws://127.0.0.1:7420/api/events?token=tok']);
    client.dispose();
  });

  it("gives main's 'open this task' to every event listener as ui.open-task, and stops on dispose", async () => {
    const { bridge, openTask } = fakeBridge(async () => ({ origin: 'http://127.0.0.1:7420', token: 'tok' }));
    const client = await createDesktopClient(bridge, { connect: idleSocket });
    const a: AnyEvent[] = [];
    const b: AnyEvent[] = [];
    client.onEvent((e) => a.push(e));
    const offB = client.onEvent((e) => b.push(e));
    expect(openTask.size).toBe(1); // one subscription, however many listeners
    openTask.forEach((l) => l('dispatch-1'));
    offB();
    openTask.forEach((l) => l('dispatch-2'));
    expect(a).toEqual([
      { name: 'ui.open-task', payload: { taskId: 'dispatch-1' } },
      { name: 'ui.open-task', payload: { taskId: 'dispatch-2' } },
    ]);
    expect(b).toEqual([{ name: 'ui.open-task', payload: { taskId: 'dispatch-1' } }]);
    client.dispose();
    expect(openTask.size).toBe(0);
  });

  it('createClient says why the window cannot start when main cannot name the daemon', async () => {
    const { bridge } = fakeBridge(async () => {
      throw Object.assign(new Error('Switchboard is not connected to its background service yet'), { code: 'unavailable' });
    });
    const created = await createClient({ switchboard: bridge } as unknown as ClientWindow);
    expect(created).toEqual({ ok: false, reason: expect.stringMatching(/cannot reach its background service: Switchboard is not connected/) });
  });
});
