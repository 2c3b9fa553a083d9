// Issue #2: list the 50 newest tasks of one project with 100,000 tasks in the store, and append
// terminal output chunks, each beside a raw better-sqlite3 baseline measured in the same run.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const timeIt = (n, fn) => {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t) / 1e6; // ms
};

export default async function ({ quick, root }) {
  const { createStore } = await import(pathToFileURL(join(root, 'out/electron/core/store/index.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-store-'));
  const total = quick ? 10_000 : 100_000;
  try {
    const store = createStore(join(dir, 'store.db'));
    const projects = [store.projects.ensure('/bench/a', 0), store.projects.ensure('/bench/b', 0), store.projects.ensure('/bench/c', 0)];
    store.tx(() => {
      for (let i = 0; i < total; i++) {
        store.tasks.insert(
          { id: `dispatch-bench-${i}`, contentHash: null, projectId: projects[i % 3].id, prompt: `task number ${i}: make the thing better`, agent: 'claude', priority: 0, ttlSeconds: 3600, source: 'dispatch', dispatchedBy: 'bench', inPlace: false, baseBranch: null, callbackUrl: null, meta: {} },
          i,
        );
      }
    });

    // Listing: through the repo (what tasks.list does) vs the same query by hand on a raw connection.
    const reps = quick ? 200 : 1000;
    const listMs = timeIt(reps, () => store.tasks.list({ projectId: projects[1].id, limit: 50 })) / reps;
    const raw = new Database(join(dir, 'store.db'), { readonly: true });
    const rawList = raw.prepare('SELECT * FROM tasks WHERE project_id = ? ORDER BY seq DESC LIMIT 50');
    const rawListMs = timeIt(reps, () => rawList.all(projects[1].id)) / reps;

    // Appends: one chunk per call, as the PTY runner's 16 ms batches arrive (autocommit each).
    const n = quick ? 5_000 : 50_000;
    const chunk = Buffer.alloc(4096, 'x');
    const runs = store.runs.create('dispatch-bench-0', 'claude', 'pty', 'bench', 0);
    const writer = store.output.writer(runs.id, 1 << 40);
    const appendMs = timeIt(n, () => writer.append(chunk));
    const rawDb = new Database(join(dir, 'raw.db'));
    rawDb.pragma('journal_mode = WAL');
    rawDb.pragma('synchronous = NORMAL');
    rawDb.exec('CREATE TABLE c (run_id INTEGER, seq INTEGER, data BLOB, PRIMARY KEY (run_id, seq)) WITHOUT ROWID');
    const rawInsert = rawDb.prepare('INSERT INTO c VALUES (1, ?, ?)');
    const rawAppendMs = timeIt(n, (i) => rawInsert.run(i, chunk));
    raw.close();
    rawDb.close();
    store.dispose();

    const appendRate = n / (appendMs / 1000);
    const rawRate = n / (rawAppendMs / 1000);
    return [
      { name: `tasks.list 50 newest of ${total.toLocaleString()}`, value: listMs, unit: 'ms', baseline: rawListMs, ratio: listMs / rawListMs, target: '< 5 ms', ok: listMs < 5 },
      { name: 'output chunk append (4 KiB)', value: appendRate, unit: 'chunks/s', baseline: rawRate, ratio: appendRate / rawRate, target: '>= 0.5x raw', ok: appendRate / rawRate >= 0.5 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
