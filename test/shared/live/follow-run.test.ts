import { describe, expect, it } from 'vitest';
import { followRun, type RunItem, type RunReplay } from '../../../shared/live/follow-run.js';

type Item = RunItem & { data: string };

/**
 * A run store and a push link as the core has them: `append` stores an item and pushes it, unless
 * the link is down (then the push is simply lost, as over a dropped WebSocket).
 */
function source() {
  const runs = new Map<number, Item[]>();
  const listeners = new Set<(i: Item) => void>();
  let linkUp = true;
  let gate: Promise<void> | null = null;
  let replays = 0;
  return {
    newRun(id: number) {
      runs.set(id, []);
    },
    append(runId: number, data: string) {
      const items = runs.get(runId)!;
      const item = { runId, seq: items.length, data };
      items.push(item);
      if (linkUp) for (const l of listeners) l(item);
    },
    /** Pushes an item without storing it (a duplicate or a stray from an old run). */
    push: (item: Item) => listeners.forEach((l) => l(item)),
    setLink: (up: boolean) => void (linkUp = up),
    hold: (p: Promise<void> | null) => void (gate = p),
    replays: () => replays,
    subscribe(l: (i: Item) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    async replay({ runId, afterSeq }: { runId?: number; afterSeq: number }): Promise<RunReplay<Item>> {
      replays++;
      const id = runId ?? Math.max(-1, ...runs.keys());
      const items = (runs.get(id) ?? []).filter((i) => i.seq > afterSeq);
      if (gate) await gate;
      return { runId: runs.has(id) ? id : null, items };
    },
  };
}

function follow(src: ReturnType<typeof source>) {
  const shown: string[] = [];
  const switches: [number | null, number | null][] = [];
  const f = followRun<RunReplay<Item>>({
    subscribe: (l) => src.subscribe(l),
    replay: (q) => src.replay(q),
    onRun: (runId, previous) => {
      switches.push([runId, previous]);
      shown.length = 0;
    },
    deliver: (items) => shown.push(...items.map((i) => i.data)),
  });
  return { f, shown, switches };
}

describe('followRun', () => {
  it('after a dropped link, a resync brings the tail pushed while it was down: nothing lost, nothing twice', async () => {
    const src = source();
    src.newRun(1);
    src.append(1, 'a');
    const { f, shown } = follow(src);
    await f.ready;
    src.append(1, 'b');
    src.setLink(false);
    src.append(1, 'c'); // the run's tail, written while the link was down: no later push reveals the gap
    src.append(1, 'd');
    src.setLink(true);
    expect(shown).toEqual(['a', 'b']);
    await f.resync();
    expect(shown).toEqual(['a', 'b', 'c', 'd']);
    src.append(1, 'e');
    src.push({ runId: 1, seq: 2, data: 'c' }); // a duplicate push
    expect(shown).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(f.position()).toEqual({ runId: 1, lastSeq: 4 });
  });

  it('a push that skips a seq fills the gap from the store before going on', async () => {
    const src = source();
    src.newRun(1);
    const { f, shown } = follow(src);
    await f.ready;
    src.append(1, 'a');
    src.setLink(false);
    src.append(1, 'b');
    src.setLink(true);
    src.append(1, 'c');
    await f.resync(); // waits for the gap's replay too
    expect(shown).toEqual(['a', 'b', 'c']);
  });

  it('items pushed during a replay are held, then only the new ones are shown', async () => {
    const src = source();
    src.newRun(1);
    src.append(1, 'a');
    let release!: () => void;
    src.hold(new Promise((r) => (release = r)));
    const { f, shown } = follow(src);
    await new Promise((r) => setTimeout(r, 0));
    src.append(1, 'b'); // stored after the replay read the store: it arrives only as a push
    src.append(1, 'c');
    release();
    src.hold(null);
    await f.ready;
    expect(shown).toEqual(['a', 'b', 'c']);
  });

  it('a resync that finds a newer run shows that run from its start; pushes of the old run are dropped', async () => {
    const src = source();
    src.newRun(1);
    src.append(1, 'one-a');
    src.append(1, 'one-b');
    const { f, shown, switches } = follow(src);
    await f.ready;
    src.setLink(false);
    src.newRun(2);
    src.append(2, 'two-a');
    src.append(2, 'two-b');
    src.setLink(true);
    await f.resync();
    expect(shown).toEqual(['two-a', 'two-b']);
    expect(switches).toEqual([[1, null], [2, 1]]);
    src.push({ runId: 1, seq: 2, data: 'late from run 1' });
    src.append(2, 'two-c');
    expect(shown).toEqual(['two-a', 'two-b', 'two-c']);
  });

  it('a resync asked while a replay is in flight runs once more after it, so nothing pushed meanwhile is missed', async () => {
    const src = source();
    src.newRun(1);
    let release!: () => void;
    src.hold(new Promise((r) => (release = r)));
    const { f, shown } = follow(src);
    await new Promise((r) => setTimeout(r, 0));
    src.setLink(false);
    src.append(1, 'x'); // after the first replay read, with the link down
    src.setLink(true);
    const again = f.resync();
    release();
    src.hold(null);
    await again;
    expect(shown).toEqual(['x']);
    expect(src.replays()).toBe(2);
  });

  it('an asynchronous subscription is live before the first replay; if it fails, ready rejects', async () => {
    const src = source();
    src.newRun(1);
    const order: string[] = [];
    const ok = followRun({
      subscribe: async (l) => {
        await new Promise((r) => setTimeout(r, 5));
        order.push('subscribed');
        return src.subscribe(l);
      },
      replay: (q) => (order.push('replay'), src.replay(q)),
      deliver: () => {},
    });
    await ok.ready;
    expect(order).toEqual(['subscribed', 'replay']);
    const failed = followRun({ subscribe: () => Promise.reject(new Error('no socket')), replay: (q) => src.replay(q), deliver: () => {} });
    await expect(failed.ready).rejects.toThrow('no socket');
  });
});
