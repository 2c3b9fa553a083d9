import { describe, expect, it } from 'vitest';
import { interleaveRun } from '../../../shared/live/run-order.js';
import { setupScheduler } from './setup.js';

describe('one order for run.output and run.event', () => {
  it('a client interleaving the stored output and events of a run gets exactly the order the core pushed them in', async () => {
    const s = setupScheduler();
    const pushed: string[] = [];
    s.core.bus.onAny((e) => {
      if (e.name === 'run.output') pushed.push(`output ${e.payload.seq}`);
      if (e.name === 'run.event') pushed.push(`event ${e.payload.seq}`);
    });
    const t = await s.submit('say one\nsleep 50\nbash ls\nsleep 50\nsay two\nsleep 50\nsay three');
    await s.waitState(t.id, ['no_changes', 'awaiting_review']);
    const { chunks } = await s.core.call('runs.output', { taskId: t.id });
    const { events } = await s.core.call('runs.events', { taskId: t.id });
    expect(events.length).toBeGreaterThan(3);
    expect(chunks.length).toBeGreaterThan(1);
    // Stored with their places: the same order as pushed, whatever order a client got them in.
    const merged = interleaveRun([...chunks].reverse(), [...events].reverse()).map((e) => (e.type === 'output' ? `output ${e.chunk.seq}` : `event ${e.event.seq}`));
    expect(merged).toEqual(pushed);
    // Events sit between chunks, not all before or after them.
    expect(new Set(events.map((e) => e.outputSeq)).size).toBeGreaterThan(1);
  }, 40_000);
});
