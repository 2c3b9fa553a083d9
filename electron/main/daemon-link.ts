/**
 * The shell's link to the daemon (ARCHITECTURE.md, "Processes"): finds the daemon serving this home
 * (server.json + /health) or starts one, then speaks the contract to it over HTTP and follows its
 * events over the WebSocket, exactly as the CLI and a browser do. It watches the daemon's health and,
 * when it stops answering, kills what is left of it and starts a new one, which recovers its tasks as
 * after a crash. Nothing here imports the core: the daemon is another process.
 */
import { EventEmitter } from 'node:events';
import type { AnyEvent, EventName, EventPayload, RequestName, RequestOutput } from '../../shared/contract.js';
import { createClient } from '../cli/client.js';
import { findServing, probeHealth, stopDaemon } from '../cli/daemon-control.js';
import { connectEvents, type EventStream } from '../cli/event-stream.js';
import { isPidAlive, type ServerInfo } from '../host/server-info.js';

/** How the shell starts and ends daemon processes (index.ts: detached, as `serve --detach`; tests: a Node process or in-process). */
export interface DaemonProcesses {
  /** Launches a daemon for the home; the link then waits until it serves. */
  start(): Promise<void>;
  /** Graceful stop: running tasks become interrupted, no agent is left behind. */
  stop(info: ServerInfo): Promise<void>;
  /** Ends a daemon that stopped answering (its tasks are recovered by the next one). */
  kill(info: ServerInfo): void;
}

export type LinkState = 'connecting' | 'connected' | 'restarting' | 'stopped';

/** What the tray and the notifier need of the daemon: the contract's calls and its events (the link gives both). */
export type CoreLike = Pick<DaemonLink, 'call' | 'bus'>;

export interface DaemonLinkOptions {
  home: string;
  processes: DaemonProcesses;
  log(msg: string): void;
  /** Called on every state change (the shell shows it in the tray and as a notification). */
  onState?(state: LinkState, detail: string): void;
  /** How often the daemon's /health is asked while connected (default 5 s). */
  healthIntervalMs?: number;
  /** Misses in a row before the daemon counts as stopped answering (default 2). */
  healthMisses?: number;
  startTimeoutMs?: number;
}

export interface DaemonLink {
  call<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>>;
  readonly bus: {
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
    onAny(listener: (event: AnyEvent) => void): () => void;
  };
  /** Finds or starts the daemon and connects; rejects with a readable error when neither works. */
  attach(): Promise<void>;
  /** The daemon this link talks to (null before attach). */
  info(): (ServerInfo & { version: string }) | null;
  /** True when this link (not the CLI or an earlier app) started the daemon it talks to. */
  startedHere(): boolean;
  /** Gracefully stops the daemon, then starts a new one and reconnects (an update's restart). */
  restart(): Promise<void>;
  /** Gracefully stops the daemon (Quit and stop agents). */
  stopDaemon(): Promise<void>;
  /** Closes the connection; the daemon keeps running. */
  dispose(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The default graceful stop and hard kill, by the pid the daemon answered /health with. */
export const signalProcesses = (home: string): Pick<DaemonProcesses, 'stop' | 'kill'> => ({
  stop: async () => void (await stopDaemon(home)),
  kill: (info) => {
    try {
      process.kill(info.pid, 'SIGKILL');
    } catch {}
  },
});

export function createDaemonLink(opts: DaemonLinkOptions): DaemonLink {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let current: (ServerInfo & { version: string }) | null = null;
  let api: ReturnType<typeof createClient> | null = null;
  let events: EventStream | null = null;
  let started = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  let misses = 0;
  let recovering: Promise<void> | null = null;
  let disposed = false;
  let stopping = false;
  const setState = (state: LinkState, detail: string) => opts.onState?.(state, detail);

  const waitServing = async (): Promise<ServerInfo> => {
    const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      const info = await findServing(opts.home);
      if (info) return info;
      await sleep(100);
    }
    throw new Error(`the background Switchboard for ${opts.home} did not start serving within ${(opts.startTimeoutMs ?? 60_000) / 1000} s; see ${opts.home}/logs/daemon.log`);
  };

  const connect = async (info: ServerInfo): Promise<void> => {
    const health = await probeHealth(info);
    if (!health) throw new Error(`the background Switchboard (pid ${info.pid}) does not answer at ${info.url}`);
    const stream = connectEvents(info);
    await stream.subscribe((event) => {
      emitter.emit(event.name, event.payload);
      emitter.emit('*', event);
    });
    // Only a fully connected daemon is the current one (calls and events both reach it).
    current = { ...info, version: health.version };
    api = createClient(info, { home: opts.home });
    events = stream;
    // A dropped event stream is the first sign of a daemon that died: check at once.
    stream.onClose(() => {
      if (events === stream) void check();
    });
    misses = 0;
    setState('connected', `connected to the background Switchboard (pid ${info.pid}, ${health.version})`);
  };

  const findOrStart = async (): Promise<void> => {
    let info = await findServing(opts.home);
    if (!info) {
      await opts.processes.start();
      info = await waitServing();
      started = true;
    }
    await connect(info);
  };

  const closeEvents = () => {
    const e = events;
    events = null;
    e?.close();
  };

  // The daemon stopped answering: end what is left of it and start a new one, which recovers its tasks.
  const recover = (why: string): Promise<void> =>
    (recovering ??= (async () => {
      opts.log(`the background Switchboard stopped answering (${why}); restarting it`);
      setState('restarting', `the background Switchboard stopped answering (${why}); restarting it`);
      closeEvents();
      const dead = current;
      if (dead && isPidAlive(dead.pid)) {
        opts.processes.kill(dead);
        for (const until = Date.now() + 10_000; isPidAlive(dead.pid) && Date.now() < until; ) await sleep(50);
      }
      for (let attempt = 1; !disposed; attempt++) {
        try {
          await findOrStart();
          return;
        } catch (err) {
          opts.log(`restarting the background Switchboard failed (attempt ${attempt}): ${(err as Error).message}`);
          setState('stopped', `the background Switchboard could not be restarted: ${(err as Error).message}`);
          await sleep(Math.min(30_000, 1000 * 2 ** attempt));
        }
      }
    })().finally(() => (recovering = null)));

  let checking = false;
  const check = async (): Promise<void> => {
    if (disposed || stopping || recovering || checking || !current) return;
    checking = true;
    let health;
    try {
      health = await probeHealth(current, 5000);
    } finally {
      checking = false;
    }
    if (disposed || stopping || recovering) return;
    if (health?.pid === current.pid && events) {
      misses = 0;
      return;
    }
    // The event stream closed, or health failed: one more miss, or at once when the process is gone.
    misses++;
    const gone = !isPidAlive(current.pid);
    if (gone || !events || misses >= (opts.healthMisses ?? 2)) {
      await recover(gone ? `process ${current.pid} is gone` : health ? 'its event stream closed' : `no answer at ${current.url}`);
    }
  };

  const link: DaemonLink = {
    call<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> {
      if (!api) return Promise.reject(new Error('Switchboard is not connected to its background service yet'));
      return (api[name] as (i: unknown) => Promise<RequestOutput<K>>)(input);
    },
    bus: {
      on(name, listener) {
        emitter.on(name, listener as (p: unknown) => void);
        return () => void emitter.off(name, listener as (p: unknown) => void);
      },
      onAny(listener) {
        emitter.on('*', listener);
        return () => void emitter.off('*', listener);
      },
    },
    async attach() {
      setState('connecting', `connecting to the background Switchboard for ${opts.home}`);
      await findOrStart();
      timer = setInterval(() => void check(), opts.healthIntervalMs ?? 5000);
      timer.unref?.();
    },
    info: () => current,
    startedHere: () => started,
    async restart() {
      const old = current;
      stopping = true;
      try {
        closeEvents();
        if (old) await opts.processes.stop(old);
        await opts.processes.start();
        started = true;
        await connect(await waitServing());
      } finally {
        stopping = false;
      }
    },
    async stopDaemon() {
      stopping = true;
      closeEvents();
      if (current) await opts.processes.stop(current);
      setState('stopped', 'the background Switchboard stopped');
    },
    dispose() {
      disposed = true;
      if (timer) clearInterval(timer);
      closeEvents();
    },
  };
  return link;
}
