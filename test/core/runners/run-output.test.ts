import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createBus } from '../../../electron/core/bus.js';
import { createStore } from '../../../electron/core/store/index.js';
import { createRunOutput } from '../../../electron/core/runners/run-output.js';
import { createLiveRuns } from '../../../electron/core/runners/live-runs.js';
import { createOutputReplay } from '../../../electron/core/runners/output-replay.js';
import { createPtyRunner } from '../../../electron/core/runners/pty-runner.js';
import { cleanEnv } from '../../../electron/core/runners/clean-env.js';
import { runMarker, TEST_HOME_KEY } from '../../helpers/run-marker.js';
import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import { fakeClaudeAgent, recordingSink } from '../../fixtures/fake-claude-kit.js';
import { tempDir } from '../../helpers/temp.js';

function setup(capBytes = 256 * 1024 * 1024) {
  const dir = tempDir();
  const store = createStore(join(dir, 'db.sqlite'));
  const bus = createBus();
  const project = store.projects.ensure(dir, Date.now());
  const task = store.tasks.insert(
    { id: `dispatch-out-${process.pid}`, contentHash: null, projectId: project.id, prompt: 'x', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'cli', dispatchedBy: null, inPlace: true, baseBranch: null, callbackUrl: null, meta: {} },
    Date.now(),
  );
  const run = store.runs.create(task.id, 'claude', 'pty', 'test', Date.now());
  const live = createLiveRuns();
  const output = createRunOutput({ bus, writer: store.output.writer(run.id, capBytes), taskId: task.id, runId: run.id });
  live.add({ taskId: task.id, runId: run.id, output, handle: null });
  return { dir, store, bus, task, run, live, output, replay: createOutputReplay(store, live) };
}

/** A viewer that joins late: subscribe, replay, dedupe by seq. */
function lateViewer(s: ReturnType<typeof setup>, maxBytes?: number) {
  const got = new Map<number, string>();
  s.bus.on('run.output', (e) => void got.set(e.seq, e.data));
  const r = s.replay(s.run.id, -1, maxBytes);
  for (const c of r.chunks) got.set(c.seq, c.data);
  return { got, replay: r };
}

describe('run output', () => {
  it('batches writes, stores them and pushes them with the same seq', async () => {
    const s = setup();
    const pushed: { seq: number; data: string }[] = [];
    s.bus.on('run.output', (e) => void pushed.push({ seq: e.seq, data: e.data }));
    s.output.write('a');
    s.output.write('b');
    expect(pushed).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    s.output.write('c');
    s.output.close();
    expect(pushed).toEqual([{ seq: 0, data: 'ab' }, { seq: 1, data: 'c' }]);
    expect(s.store.output.readAfter(s.run.id).map((c) => c.data.toString())).toEqual(['ab', 'c']);
    s.store.dispose();
  });

  it('gives viewers that join at any moment of a real PTY flood every chunk once, with no gap', async () => {
    const s = setup();
    const all = new Map<number, string>();
    s.bus.on('run.output', (e) => void all.set(e.seq, e.data));
    const viewers: ReturnType<typeof lateViewer>[] = [];
    const sink = recordingSink();
    sink.output = (d) => {
      s.output.write(d);
      // Viewers join while data is flowing: some early (the ring holds everything), some late (the store).
      if (viewers.length < 6 && s.output.chars > viewers.length * 1_500_000) viewers.push(lateViewer(s, viewers.length % 2 ? 64 * 1024 * 1024 : undefined));
    };
    const agent = fakeClaudeAgent();
    const handle = await createPtyRunner().start({
      task: { id: s.task.id } as Task, run: { id: s.run.id } as Run, agent, cwd: s.dir, prompt: 'flood 8\nsay done',
      env: cleanEnv({ agent, dispatchId: s.task.id, marker: runMarker(TEST_HOME_KEY, s.task.id), parent: process.env }), sink,
    });
    expect((await handle.done).errorType).toBeNull();
    s.output.close();
    expect(viewers.length).toBe(6);
    const seqs = [...all.keys()];
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const full = seqs.map((q) => all.get(q)).join('');
    expect(full.length).toBeGreaterThan(8 * 1024 * 1024);
    for (const v of viewers) {
      const vs = [...v.got.keys()].sort((a, b) => a - b);
      const first = vs[0];
      expect(vs).toEqual(vs.map((_, i) => first + i)); // contiguous from where the replay started
      expect(vs.at(-1)).toBe(seqs.at(-1));
      const text = vs.map((q) => v.got.get(q)).join('');
      if (v.replay.droppedBytes === 0) expect(text).toBe(full);
      else expect(full.endsWith(text)).toBe(true);
    }
    // A default replay is capped (2 MB): the rest is reported as dropped, with a marker to show.
    expect(viewers.some((v) => v.replay.droppedBytes > 0 && v.replay.droppedMarker)).toBe(true);
    s.store.dispose();
  });

  it('replays from the ring while it holds everything after afterSeq, then from the store', () => {
    const s = setup();
    for (let i = 0; i < 100; i++) {
      s.output.write(`${String(i).padStart(1000, '.')}\n`);
      s.output.flush();
    }
    // The ring keeps ~64 KB: the last ~64 chunks.
    const recent = s.replay(s.run.id, 90);
    expect(recent.chunks.map((c) => c.seq)).toEqual([91, 92, 93, 94, 95, 96, 97, 98, 99]);
    expect(recent.live).toBe(true);
    const fromStart = s.replay(s.run.id, -1);
    expect(fromStart.chunks).toHaveLength(100);
    expect(fromStart.chunks[0].data).toMatch(/\.0\n$/);
    s.store.dispose();
  });

  it('reports what the per-run cap dropped', () => {
    const s = setup(64 * 1024);
    for (let i = 0; i < 200; i++) {
      s.output.write('y'.repeat(1024));
      s.output.flush();
    }
    s.live.remove(s.task.id, s.run.id);
    const r = s.replay(s.run.id);
    expect(r.live).toBe(false);
    expect(r.droppedBytes).toBeGreaterThan(100 * 1024);
    expect(r.droppedMarker).toMatch(/bytes of earlier output were dropped/);
    expect(r.chunks.at(-1)!.seq).toBe(199);
    s.store.dispose();
  });
});
