import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../electron/core/store/index.js';
import { tempDir } from '../../helpers/temp.js';

function setup() {
  const store = createStore(join(tempDir(), 'a.db'));
  const project = store.projects.ensure('/p', 0);
  store.tasks.insert(
    { id: 'dispatch-t1', contentHash: null, projectId: project.id, prompt: 'x', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'api', dispatchedBy: null, inPlace: false, baseBranch: null, callbackUrl: null, meta: {} },
    0,
  );
  const run = store.runs.create('dispatch-t1', 'claude', 'pty', 'instance', 0);
  return { store, run };
}

describe('output repo', () => {
  it('appends chunks in order and replays after a seq', () => {
    const { store, run } = setup();
    const w = store.output.writer(run.id, 1 << 20);
    for (let i = 0; i < 5; i++) expect(w.append(`chunk ${i}\n`)).toBe(i);
    expect(store.output.readAfter(run.id, 2).map((c) => c.data.toString())).toEqual(['chunk 3\n', 'chunk 4\n']);
    expect(store.output.readTail(run.id, 2).map((c) => c.seq)).toEqual([3, 4]);
    // A second writer (e.g. after a restart) continues the sequence.
    expect(store.output.writer(run.id, 1 << 20).append('more')).toBe(5);
    store.dispose();
  });

  it('keeps each run under its cap by dropping the oldest chunks, and counts what it dropped', () => {
    const { store, run } = setup();
    const cap = 100 * 1024;
    const w = store.output.writer(run.id, cap);
    const chunk = 'x'.repeat(1024);
    for (let i = 0; i < 300; i++) w.append(chunk);
    const kept = store.output.readAfter(run.id);
    const keptBytes = kept.reduce((n, c) => n + c.data.length, 0);
    expect(keptBytes).toBeLessThanOrEqual(cap);
    expect(kept.at(-1)!.seq).toBe(299);
    const dropped = store.output.dropped(run.id);
    expect(dropped.bytes + keptBytes).toBe(300 * 1024);
    expect(dropped.chunks + kept.length).toBe(300);
    expect(store.runs.get(run.id)!.outputBytes).toBe(300 * 1024);
    store.dispose();
  });
});
