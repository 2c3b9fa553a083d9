import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../electron/core/store/index.js';
import { DEFAULT_AUTOCHECKPOINT, SAFETY_AUTOCHECKPOINT } from '../../../electron/core/store/wal-checkpointer.js';
import { tempDir } from '../../helpers/temp.js';

const until = async (what: string, ok: () => boolean, ms = 30_000): Promise<void> => {
  for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
};

/** A project, a task and a run to hang output on. */
function seedRun(store: ReturnType<typeof createStore>): number {
  return store.tx(() => {
    const project = store.projects.ensure('/p', 0);
    store.tasks.insert(
      { id: 'dispatch-t1', contentHash: null, projectId: project.id, prompt: 'x', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'api', dispatchedBy: null, inPlace: false, baseBranch: null, callbackUrl: null, meta: {} },
      0,
    );
    return store.runs.create('dispatch-t1', 'claude', 'pty', 'instance', 0).id;
  });
}

describe('WAL checkpoints from a worker thread', () => {
  it('copies committed output into the database off the main connection, which keeps only a high safety threshold', async () => {
    const file = join(tempDir(), 'a.db');
    const seen: { log: number; checkpointed: number }[] = [];
    const store = createStore(file, { checkpointThread: { onCheckpoint: (r) => seen.push(r) } });
    try {
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(SAFETY_AUTOCHECKPOINT);
      const runId = seedRun(store);
      const writer = store.output.writer(runId, 64 * 1024 * 1024);
      const chunk = `${'x'.repeat(1023)}\n`.repeat(256); // 256 KiB
      for (let i = 0; i < 32; i++) store.tx(() => writer.append(chunk)); // 8 MiB: ~2,000 pages, far under the safety threshold
      await until('a checkpoint that caught up with the WAL', () => seen.some((r) => r.log > 0 && r.checkpointed === r.log));
      await store.checkpointer!.settled();
      // The main connection never reached its own threshold, so the data is in the database file because the worker put it there.
      expect(statSync(file).size).toBeGreaterThan(8 * 1024 * 1024);
      expect(store.output.readAfter(runId).length).toBe(32);
    } finally {
      store.dispose();
    }
  });

  it('keeps no thread once idle, and none before the first transaction', async () => {
    const store = createStore(join(tempDir(), 'a.db'), { checkpointThread: true });
    try {
      expect(store.checkpointer!.running()).toBe(false);
      seedRun(store);
      expect(store.checkpointer!.running()).toBe(true);
      await store.checkpointer!.settled();
      await until('the idle thread to end', () => !store.checkpointer!.running());
    } finally {
      store.dispose();
    }
  });

  it('hands checkpoints back to the main connection when the thread cannot run, and says so', async () => {
    const logs: string[] = [];
    const store = createStore(join(tempDir(), 'a.db'), { checkpointThread: { sqliteModule: '/nonexistent/better-sqlite3', log: (m) => logs.push(m) } });
    try {
      seedRun(store);
      await until('the fallback', () => logs.length > 0);
      expect(logs[0]).toMatch(/WAL checkpoints run on the main connection again/);
      expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(DEFAULT_AUTOCHECKPOINT);
      expect(store.checkpointer!.running()).toBe(false);
      store.tx(() => store.projects.ensure('/q', 0)); // still works, and starts no new thread
      expect(store.checkpointer!.running()).toBe(false);
      expect(logs).toHaveLength(1);
    } finally {
      store.dispose();
    }
  });
});
