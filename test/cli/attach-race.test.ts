import { describe, expect, it } from 'vitest';
import { attachSession, type AttachIO, type EventSource } from '../../electron/cli/attach-session.js';
import type { Core } from '../../electron/core/create-core.js';
import type { AnyEvent, Api } from '../../shared/contract.js';
import { waitFor } from '../fixtures/fake-claude-kit.js';
import { setupScheduler } from '../core/scheduler/setup.js';

const inProcessApi = (core: Core): Api =>
  new Proxy({}, { get: (_t, name: string) => (name === 'then' ? undefined : (input: unknown) => core.call(name, input)) }) as Api;

/** The core's bus as attach's event source, whose subscription goes live only when the test says so. */
function gatedEvents(core: Core) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let asked = false;
  const events: EventSource = {
    async subscribe(listener: (e: AnyEvent) => void) {
      asked = true;
      await gate;
      return core.bus.onAny(listener);
    },
  };
  return { events, open, asked: () => asked };
}

function quietTerminal() {
  let output = '';
  const io: AttachIO = { write: (d) => void (output += d), onInput: () => () => {}, size: () => null, onResize: () => () => {} };
  return { io, output: () => output };
}

describe('switchboard attach, racing the task', () => {
  it('sees a task that ends while its subscription is being made (it subscribes before it reads the state)', async () => {
    const s = setupScheduler();
    const t = await s.submit('say almost done\nhang');
    await s.waitState(t.id, 'running');
    await waitFor(() => (s.core.store.runs.latest(t.id) ? s.core.store.output.readAfter(s.core.store.runs.latest(t.id)!.id).length > 0 : false), 10_000, 'some output');
    const ev = gatedEvents(s.core);
    const term = quietTerminal();
    const session = attachSession({ api: inProcessApi(s.core), events: ev.events, taskId: t.id, io: term.io });
    // The task ends after attach started but before its subscription is live.
    await waitFor(() => ev.asked(), 5000, 'attach to subscribe');
    await s.core.call('tasks.cancel', { id: t.id });
    await s.waitState(t.id, 'cancelled');
    ev.open();
    const hung = new Promise((r) => setTimeout(() => r('still attached after the task ended'), 15_000));
    expect(await Promise.race([session, hung])).toEqual({ reason: 'ended', state: 'cancelled' });
    // Everything the run wrote is shown once, including the tail written while the task ended.
    const stored = (await s.core.call('runs.output', { taskId: t.id })).chunks.map((c) => c.data).join('');
    expect(term.output()).toBe(stored);
    expect(stored).toContain('almost done');
  }, 40_000);
});
