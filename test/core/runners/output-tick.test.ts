import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createBus } from '../../../electron/core/bus.js';
import { createStore } from '../../../electron/core/store/index.js';
import { createRunOutput } from '../../../electron/core/runners/run-output.js';
import { createOutputTick } from '../../../electron/core/runners/output-tick.js';
import { tempDir } from '../../helpers/temp.js';

/** A store with `runs` runs of one task, a bus, and one output tick over a transaction that is counted. */
function setup(runs: number, failing: () => boolean = () => false, sliceBytes?: number) {
  const dir = tempDir();
  const file = join(dir, 'db.sqlite');
  const bus = createBus();
  const store = createStore(file, { aroundTx: bus.deferDuring });
  const project = store.projects.ensure(dir, Date.now());
  const task = store.tasks.insert(
    { id: 'dispatch-tick', contentHash: null, projectId: project.id, prompt: 'x', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'cli', dispatchedBy: null, inPlace: true, baseBranch: null, callbackUrl: null, meta: {} },
    Date.now(),
  );
  let transactions = 0;
  const tick = createOutputTick({
    batchMs: 10,
    sliceBytes,
    tx: <T>(fn: () => T): T => {
      transactions++;
      return store.tx(() => {
        const result = fn();
        if (failing()) throw new Error('disk I/O error'); // the body ran, then the transaction failed: rolled back
        return result;
      });
    },
  });
  const outputs = Array.from({ length: runs }, () => {
    const run = store.runs.create(task.id, 'claude', 'pty', 'test', Date.now());
    return { run, output: createRunOutput({ bus, writer: store.output.writer(run.id, 64 * 1024 * 1024), taskId: task.id, runId: run.id, tick }) };
  });
  /** Another connection to the same file: it sees only what was committed (as a process after a crash would). */
  const other = () => new Database(file, { readonly: true });
  const committed = (db: Database.Database, runId: number) =>
    (db.prepare('SELECT seq, data FROM run_output WHERE run_id = ? ORDER BY seq').all(runId) as { seq: number; data: Buffer }[]).map((r) => ({ seq: r.seq, data: r.data.toString() }));
  return { store, bus, outputs, other, committed, transactions: () => transactions };
}

const tickPassed = () => new Promise((r) => setTimeout(r, 60));

describe('output tick', () => {
  it("stores every run's pending output in one transaction, and pushes each chunk only once another connection can read it", async () => {
    const s = setup(5);
    const reader = s.other();
    const pushed: { runId: number; seq: number; data: string; visible: boolean }[] = [];
    s.bus.on('run.output', (e) => {
      const visible = s.committed(reader, e.runId).some((c) => c.seq === e.seq && c.data === e.data);
      pushed.push({ runId: e.runId, seq: e.seq, data: e.data, visible });
    });
    for (const { output, run } of s.outputs) {
      output.write(`a${run.id} `);
      output.write(`b${run.id}`);
    }
    expect(pushed).toEqual([]);
    await tickPassed();
    expect(s.transactions()).toBe(1);
    expect(pushed).toHaveLength(5);
    expect(pushed.every((p) => p.visible)).toBe(true);
    for (const { run } of s.outputs) expect(s.committed(reader, run.id)).toEqual([{ seq: 0, data: `a${run.id} b${run.id}` }]);
    reader.close();
    s.store.dispose();
  });

  it('after a crash, every chunk a viewer was shown is in the store, in seq order per run', async () => {
    const s = setup(3);
    const shown = new Map<number, { seq: number; data: string }[]>();
    s.bus.on('run.output', (e) => void shown.set(e.runId, [...(shown.get(e.runId) ?? []), { seq: e.seq, data: e.data }]));
    for (let i = 0; i < 6; i++) {
      for (const { output, run } of s.outputs) output.write(`${run.id}:${i};`);
      await tickPassed();
    }
    for (const { output } of s.outputs) output.write('pending, never shown');
    // The "crash": the process stops here; its pending output was never flushed nor shown.
    const after = s.other();
    for (const { run } of s.outputs) {
      const stored = s.committed(after, run.id);
      expect(stored.map((c) => c.seq)).toEqual([...stored.map((c) => c.seq)].sort((a, b) => a - b));
      expect(stored).toEqual(shown.get(run.id));
      expect(stored.map((c) => c.data).join('')).toBe(Array.from({ length: 6 }, (_, i) => `${run.id}:${i};`).join(''));
    }
    after.close();
    s.store.dispose();
  });

  it('a tick whose transaction fails shows nothing, and the next chunk says what went missing', async () => {
    let failNext = false;
    const s = setup(2, () => {
      const fail = failNext;
      failNext = false;
      return fail;
    });
    const pushed: { runId: number; seq: number; data: string }[] = [];
    s.bus.on('run.output', (e) => void pushed.push({ runId: e.runId, seq: e.seq, data: e.data }));
    failNext = true;
    for (const { output } of s.outputs) output.write('lost');
    await tickPassed();
    expect(pushed).toEqual([]);
    for (const { run } of s.outputs) expect(s.store.output.readAfter(run.id)).toEqual([]);
    for (const { output } of s.outputs) output.write('next');
    await tickPassed();
    for (const { run } of s.outputs) {
      const mine = pushed.filter((p) => p.runId === run.id);
      expect(mine.map((p) => p.data)).toEqual([expect.stringContaining('4 bytes of output are missing here'), 'next']);
      expect(s.store.output.readAfter(run.id).map((c) => c.data.toString())).toEqual(mine.map((p) => p.data));
    }
    s.store.dispose();
  });

  it('arms no timer while no run has output pending, and one flush stores every run at once', async () => {
    const s = setup(3);
    await tickPassed();
    expect(s.transactions()).toBe(0);
    s.outputs[0].output.write('x');
    s.outputs[1].output.write('y');
    s.outputs[2].output.close(); // a run's end flushes the tick now, for every run
    expect(s.transactions()).toBe(1);
    expect(s.store.output.readAfter(s.outputs[1].run.id).map((c) => c.data.toString())).toEqual(['y']);
    await tickPassed();
    expect(s.transactions()).toBe(1);
    s.store.dispose();
  });

  it('stores many runs in slices with a turn of the loop between them, each run whole and in order; a run that flushes itself is in the first slice', async () => {
    const s = setup(6, undefined, 1000);
    const pushed: { runId: number; data: string }[] = [];
    s.bus.on('run.output', (e) => pushed.push({ runId: e.runId, data: e.data }));
    for (const { output } of s.outputs) {
      output.write('a'.repeat(300));
      output.write('b'.repeat(300));
    }
    const last = s.outputs[5];
    last.output.flush(); // as its end does
    // At once: the run that flushed, then one more (600 + 600 passes 1,000), in one transaction.
    expect(s.transactions()).toBe(1);
    expect(pushed.map((p) => p.runId)).toEqual([last.run.id, s.outputs[0].run.id]);
    await new Promise((r) => setImmediate(r)); // the next turn of the loop: the next slice, with no timer
    expect(s.transactions()).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(s.transactions()).toBe(3);
    await tickPassed();
    expect(s.transactions()).toBe(3); // nothing was left for the timer
    expect(pushed.map((p) => p.runId).sort()).toEqual(s.outputs.map((o) => o.run.id).sort());
    for (const { run } of s.outputs) {
      expect(s.store.output.readAfter(run.id).map((c) => c.data.toString())).toEqual(['a'.repeat(300) + 'b'.repeat(300)]);
    }
    s.store.dispose();
  });
});
