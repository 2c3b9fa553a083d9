/**
 * WAL checkpoints off the event loop (issue 13). By default SQLite checkpoints from the connection
 * that commits, once the WAL passes 1000 pages (~4 MB): the committing call then copies the WAL into
 * the database and, with synchronous=NORMAL, fsyncs both files. For the daemon that connection is on
 * the event loop, so a stream of terminal output (which fills 4 MB every few ticks) stalled the loop
 * on an fsync every few MB, at whatever speed a shared disk answers.
 *
 * Here a worker thread with a connection of its own runs PASSIVE checkpoints shortly after commits.
 * PASSIVE takes no lock a writer waits for, so the loop's commits go on while it copies and syncs.
 * The main connection keeps a much higher automatic threshold as a safety net (a write path that is not
 * announced here, or a worker that cannot keep up, still cannot grow the WAL without bound).
 *
 * The worker starts with the first announced commit and ends IDLE_MS after its last checkpoint, so an
 * idle daemon keeps no thread and no timer for it. It never holds the process open. If the worker
 * cannot run (better-sqlite3 unavailable in a thread), the main connection checkpoints as before.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';

/** SQLite's default automatic checkpoint threshold (pages): what the main connection goes back to without a worker. */
export const DEFAULT_AUTOCHECKPOINT = 1000;
/** The main connection's threshold while a worker checkpoints: only reached if the worker falls behind. */
export const SAFETY_AUTOCHECKPOINT = 16_000;
const IDLE_MS = 2_000;
/** How long the worker lets commits gather before a checkpoint (fewer fsyncs for a stream of ticks). */
const GATHER_MS = 100;

export interface WalCheckpointer {
  /** Tell it a transaction committed. */
  committed(): void;
  /** Whether its worker thread runs now (tests). */
  running(): boolean;
  /** Resolves once no checkpoint is asked for or in progress (tests). */
  settled(): Promise<void>;
  dispose(): void;
}

export interface WalCheckpointerOptions {
  log?: (message: string) => void;
  /** The better-sqlite3 module the worker loads (tests pass a broken one). */
  sqliteModule?: string;
  /** Told after each checkpoint the worker ran: the WAL's frames, and how many of them are in the database now. */
  onCheckpoint?: (result: { log: number; checkpointed: number }) => void;
}

// Plain CommonJS, run with eval: it needs no build step (tests run the TypeScript sources).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqliteModule);
const db = new Database(workerData.file, { fileMustExist: true });
let timer = null;
const run = () => {
  timer = null;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'done', log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ type: 'failed', message: e.message });
  }
};
parentPort.on('message', (m) => {
  if (m === 'close') { if (timer) clearTimeout(timer); db.close(); return process.exit(0); }
  timer ??= setTimeout(run, workerData.gatherMs);
});
parentPort.postMessage({ type: 'ready' });
`;

type Message = { type: 'ready' } | { type: 'done'; log: number; checkpointed: number } | { type: 'failed'; message: string };

export function createWalCheckpointer(db: Db, opts: WalCheckpointerOptions = {}): WalCheckpointer {
  const log = opts.log ?? ((m: string) => console.error(`switchboard store: ${m}`));
  const sqliteModule = opts.sqliteModule ?? createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | null = null;
  let broken = false;
  /** A checkpoint was asked for and has not answered yet. */
  let asked = false;
  /** A commit came while one was asked: ask again once it answers. */
  let again = false;
  let idle: NodeJS.Timeout | null = null;
  let waiters: (() => void)[] = [];

  db.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT}`);

  const settle = (): void => {
    const w = waiters;
    waiters = [];
    for (const r of w) r();
  };
  const stopWorker = (): void => {
    if (idle) clearTimeout(idle);
    idle = null;
    const w = worker;
    worker = null;
    w?.postMessage('close');
  };
  const giveUp = (why: string): void => {
    if (broken) return;
    broken = true;
    log(`WAL checkpoints run on the main connection again: the checkpoint thread failed (${why})`);
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    const w = worker;
    worker = null;
    void w?.terminate();
    asked = again = false;
    settle();
  };
  const ask = (): void => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (!worker) {
      const w = new Worker(WORKER, { eval: true, execArgv: [], workerData: { file: db.name, sqliteModule, gatherMs: GATHER_MS } });
      w.unref();
      w.on('message', (m: Message) => {
        if (m.type === 'ready') return;
        if (m.type === 'failed') log(`a WAL checkpoint failed (${m.message}); the next commit tries again`);
        else opts.onCheckpoint?.({ log: m.log, checkpointed: m.checkpointed });
        asked = false;
        if (again) return void ((again = false), ask());
        settle();
        idle = setTimeout(stopWorker, IDLE_MS);
        idle.unref();
      });
      w.on('error', (err) => worker === w && giveUp(err.message));
      w.on('exit', (code) => worker === w && giveUp(`it exited with code ${code}`));
      worker = w;
    }
    asked = true;
    worker.postMessage('dirty');
  };

  return {
    committed() {
      if (broken || !db.open) return;
      if (asked) again = true;
      else ask();
    },
    running: () => worker != null,
    settled: () => (asked ? new Promise<void>((r) => waiters.push(r)) : Promise.resolve()),
    dispose() {
      stopWorker();
      asked = again = false;
      settle();
    },
  };
}
