/**
 * Where git processes are started (issue 13). `child_process.spawn` blocks the calling thread until
 * the child has exec'd: libuv forks, then waits on a pipe. On a loaded machine that wait is tens of ms
 * per process, and a daemon whose tasks start many git processes spent a quarter of its time there,
 * with its event loop (terminal output, the WebSocket) stalled. So git is started from a worker thread:
 * the worker waits for the exec, and the event loop goes on. The worker starts with the first git call
 * and ends 2 s after its last call, so an idle daemon keeps no thread and no timer for it.
 *
 * A started process is addressed by its pid from here on (a time-out kills its process group).
 */
import { Worker } from 'node:worker_threads';

export interface GitChild {
  /** Its pid once it has started (undefined until then, and if it could not start). */
  readonly pid: number | undefined;
  /** Ends it and the process group it leads (SIGKILL). */
  kill(): void;
}

export interface ChildEvents {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  /** It could not be started (e.g. ENOENT). */
  error(err: Error): void;
  close(code: number | null): void;
}

export interface ChildSpawner {
  spawn(file: string, args: string[], env: NodeJS.ProcessEnv, input: string | Buffer | undefined, on: ChildEvents): GitChild;
  dispose(): void;
}

const IDLE_MS = 2_000;

/** SIGKILLs the process group `pid` leads; false when there is none (not started yet, or gone). */
function killGroup(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

// Plain CommonJS, run with eval: it needs no build step (tests run the TypeScript sources).
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const kids = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'kill') {
    const c = kids.get(m.id);
    if (c) try { process.kill(-c.pid, 'SIGKILL'); } catch { try { c.kill('SIGKILL'); } catch {} }
    return;
  }
  let child;
  try {
    child = spawn(m.file, m.args, { env: m.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  } catch (e) {
    parentPort.postMessage({ id: m.id, type: 'error', message: e.message });
    return parentPort.postMessage({ id: m.id, type: 'close', code: null });
  }
  kids.set(m.id, child);
  parentPort.postMessage({ id: m.id, type: 'pid', pid: child.pid });
  child.stdout.on('data', (chunk) => parentPort.postMessage({ id: m.id, type: 'stdout', chunk }));
  child.stderr.on('data', (chunk) => parentPort.postMessage({ id: m.id, type: 'stderr', chunk }));
  child.stdin.on('error', () => {});
  child.stdin.end(m.input == null ? undefined : Buffer.from(m.input));
  child.on('error', (e) => parentPort.postMessage({ id: m.id, type: 'error', message: e.message }));
  child.on('close', (code) => {
    kids.delete(m.id);
    parentPort.postMessage({ id: m.id, type: 'close', code });
  });
});
`;

type Message =
  | { id: number; type: 'pid'; pid: number | undefined }
  | { id: number; type: 'stdout' | 'stderr'; chunk: Uint8Array }
  | { id: number; type: 'error'; message: string }
  | { id: number; type: 'close'; code: number | null };

/** Starts git processes from a worker thread (see above). */
export function createWorkerSpawner(): ChildSpawner {
  let worker: Worker | null = null;
  let nextId = 1;
  const live = new Map<number, { on: ChildEvents; child: { pid: number | undefined; killed: boolean } }>();
  let idle: NodeJS.Timeout | null = null;

  const stopWorker = (): void => {
    if (idle) clearTimeout(idle);
    idle = null;
    const w = worker;
    worker = null;
    void w?.terminate();
  };
  const receive = (m: Message): void => {
    const entry = live.get(m.id);
    if (!entry) return;
    const { on, child } = entry;
    if (m.type === 'pid') {
      child.pid = m.pid;
      if (child.killed) worker?.postMessage({ type: 'kill', id: m.id });
    } else if (m.type === 'stdout' || m.type === 'stderr') {
      const chunk = Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength);
      on[m.type](chunk);
    } else if (m.type === 'error') on.error(new Error(m.message));
    else if (m.type === 'close') {
      live.delete(m.id);
      on.close(m.code);
      if (!live.size) {
        worker?.unref();
        idle = setTimeout(stopWorker, IDLE_MS);
        idle.unref();
      }
    }
  };
  const ensureWorker = (): Worker => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (worker) return worker;
    // No inherited flags: a parent run with --input-type=module would make the eval'd CommonJS an ES module.
    const w = new Worker(WORKER, { eval: true, execArgv: [] });
    w.on('message', receive);
    w.on('error', (err) => {
      // The thread itself failed: every call in flight fails with it, and the next call starts a new one.
      if (worker === w) worker = null;
      for (const [id, { on }] of live) {
        live.delete(id);
        on.error(err);
        on.close(null);
      }
    });
    return (worker = w);
  };

  return {
    spawn(file, args, env, input, on) {
      const id = nextId++;
      const child = { pid: undefined as number | undefined, killed: false };
      live.set(id, { on, child });
      const w = ensureWorker();
      w.ref(); // while a call is in flight (unref'd again when none is, so an idle thread never holds the process)
      w.postMessage({ type: 'spawn', id, file, args, env: { ...env }, input: input == null ? null : typeof input === 'string' ? input : new Uint8Array(input) });
      return {
        get pid() {
          return child.pid;
        },
        kill() {
          child.killed = true;
          if (!killGroup(child.pid)) worker?.postMessage({ type: 'kill', id });
        },
      };
    },
    dispose() {
      for (const { child } of live.values()) killGroup(child.pid);
      live.clear();
      stopWorker();
    },
  };
}
