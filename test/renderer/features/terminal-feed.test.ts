import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/contract.js';
import { openTerminalFeed, type OutputEvent } from '../../../renderer/features/terminal/terminal-feed.js';
import { createCoreClient, until, type CoreClient } from '../support/core-client.js';

/**
 * A real core's store and bus: output is appended to a real run the way the runners do (store, then
 * run.output), and the feed must show every byte exactly once whatever the interleaving.
 */
describe('openTerminalFeed', () => {
  let cc: CoreClient;
  let taskId: string;
  let runId: number;
  let writer: ReturnType<CoreClient['core']['store']['output']['writer']>;

  const newRun = () => {
    runId = cc.core.store.runs.create(taskId, 'fake', 'pty', cc.core.instanceId, Date.now()).id;
    writer = cc.core.store.output.writer(runId, 1024 * 1024);
  };
  /** As the runners do: store the chunk, then push it (either step can be left out to make a gap). */
  const emit = (data: string, opts: { push?: boolean } = {}) => {
    const seq = writer.append(data);
    if (opts.push !== false) cc.core.bus.emit('run.output', { taskId, runId, seq, data });
  };

  beforeEach(async () => {
    cc = createCoreClient();
    taskId = (await cc.client.api['tasks.create']({ projectDir: cc.projectDir('p'), prompt: 'x' })).id;
  });
  afterEach(() => cc.dispose());

  const open = (api: Pick<Api, 'runs.output' | 'tasks.appOutput'> = cc.client.api) => {
    const out: string[] = [];
    let resets = 0;
    const feed = openTerminalFeed(taskId, {
      api,
      subscribe: (l) => cc.core.bus.on('run.output', l),
      write: (d) => out.push(d),
      reset: () => {
        resets++;
        out.length = 0;
      },
    });
    return { out, feed, resets: () => resets };
  };

  it('replays the stored output, then follows live chunks', async () => {
    newRun();
    emit('a', { push: false });
    emit('b', { push: false });
    const { out, feed } = open();
    await feed.ready;
    expect(out.join('')).toBe('ab');
    emit('c');
    emit('d');
    expect(out.join('')).toBe('abcd');
    feed.dispose();
  });

  it('neither loses nor repeats chunks pushed while the replay is in flight', async () => {
    newRun();
    emit('1', { push: false });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Pick<Api, 'runs.output' | 'tasks.appOutput'> = {
      'tasks.appOutput': cc.client.api['tasks.appOutput'],
      'runs.output': async (input) => {
        const res = await cc.client.api['runs.output'](input);
        await gate;
        return res;
      },
    };
    const { out, feed } = open(slow);
    // Stored after the replay read the store: these reach the viewer only live, while the replay is held.
    await new Promise((r) => setTimeout(r, 20));
    emit('2');
    emit('3');
    release();
    await feed.ready;
    expect(out.join('')).toBe('123');
  });

  it('fills a gap in the live stream from the store, and switches to a newer run', async () => {
    newRun();
    const { out, feed } = open();
    await feed.ready;
    emit('a');
    emit('b', { push: false }); // a pushed chunk that never reached this viewer
    emit('c');
    await until(() => out.join('') === 'abc', 'the gap to be filled');

    const first = runId;
    newRun();
    emit('new run');
    await until(() => out.join('') === 'new run', 'the new run');
    expect(runId).toBeGreaterThan(first);
    cc.core.bus.emit('run.output', { taskId, runId: first, seq: 99, data: 'late from the old run' } satisfies OutputEvent);
    expect(out.join('')).toBe('new run');
    feed.dispose();
  });

  it('marks a gap mid-run that is larger than the replay window, where it is', async () => {
    runId = cc.core.store.runs.create(taskId, 'fake', 'pty', cc.core.instanceId, Date.now()).id;
    writer = cc.core.store.output.writer(runId, 16 * 1024 * 1024);
    emit('start\r\n');
    const { out, feed } = open();
    await feed.ready;
    // The view falls behind: 3 MB arrive that it is never pushed, then one chunk it is.
    const mb = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 3; i++) emit(mb, { push: false });
    emit('end');
    await until(() => out.join('').endsWith('end'), 'the gap to be replayed', 30_000);
    const shown = out.join('');
    const marker = shown.indexOf('is not shown');
    expect(shown.startsWith('start\r\n')).toBe(true);
    expect(marker).toBeGreaterThan(0);
    expect(shown.slice(0, marker)).toContain('2.0 MB of output came while this view was behind');
    // After the marker comes the newest output that fits the 2 MB window, whole: 1 MB and the last chunk.
    expect(shown.slice(marker).replace(/^[^\n]*\n/, '')).toBe(mb + 'end');
    feed.dispose();
  });

  it('ignores other tasks and stops on dispose', async () => {
    newRun();
    const { out, feed } = open();
    await feed.ready;
    cc.core.bus.emit('run.output', { taskId: 'dispatch-other', runId, seq: 0, data: 'other' });
    feed.dispose();
    emit('after');
    expect(out).toEqual([]);
  });
});
