/**
 * Starts the real shell against the fake electron module and a temp home. The daemon it attaches to is
 * real: by default started in this process (startHeadless, tasks not run, so tests place them by hand),
 * or, with `daemon: 'process'`, as a separate Node process running out/electron/host/daemon-entry.js,
 * the file Electron forks (needs `npm run build`).
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { DAEMON_CHANNEL, type DaemonAddress, type IpcResult } from '../../shared/ipc.js';
import { APP_ORIGIN } from '../../electron/main/app-protocol.js';
import { createBridge, type IpcRendererLike } from '../../electron/preload/bridge.js';
import { createDesktopClient } from '../../renderer/api/desktop-client.js';
import type { SocketLike } from '../../renderer/api/event-socket.js';
import { findServing, stopDaemon } from '../../electron/cli/daemon-control.js';
import { startHeadless, type Headless } from '../../electron/host/serve.js';
import { signalProcesses, type DaemonProcesses } from '../../electron/main/daemon-link.js';
import { createShell, type Shell } from '../../electron/main/shell.js';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron.js';

/** A temp dir removed when the current test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-main-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A daemon in this process: what `processes.start` launches by default, and what a test may start first. */
export function inProcessDaemons(home: string) {
  const started: Headless[] = [];
  const processes: DaemonProcesses = {
    async start() {
      started.push(await startHeadless({ home, port: 0, handleSignals: false, runTasks: false, log: () => {} }));
    },
    async stop() {
      await started.at(-1)?.stop();
    },
    kill() {
      process.stderr.write(`shell-harness: the link tried to kill the in-process daemon of ${home}\n${new Error().stack}\n`);
    },
  };
  const stopAll = async () => {
    for (const d of started) await d.stop();
  };
  return { processes, started, current: () => started.at(-1) ?? null, stopAll };
}

export const DAEMON_ENTRY = fileURLToPath(new URL('../../out/electron/host/daemon-entry.js', import.meta.url));

/** Daemons as separate Node processes (the same entry `startDetached` runs, for the CLI and the app), stopped when the test ends. */
export function nodeDaemons(home: string) {
  let launches = 0;
  const processes: DaemonProcesses = {
    ...signalProcesses(home),
    async start() {
      launches++;
      const child = spawn(process.execPath, [DAEMON_ENTRY, home], { detached: true, stdio: 'ignore', env: { ...process.env } });
      child.unref();
    },
  };
  const stopAll = async () => void (await stopDaemon(home).catch(() => {}));
  return { processes, launches: () => launches, stopAll };
}

export interface StartShellOptions {
  gotLock?: boolean;
  home?: string;
  hidden?: boolean;
  /** 'process': real daemon processes; default: in this process. */
  daemon?: 'process' | 'in-process';
  version?: string;
  messageBoxResponse?: number;
  healthIntervalMs?: number;
  /** Start the daemon before the shell (so the shell attaches to it instead of starting one). */
  daemonRunning?: boolean;
  /** Runs after that daemon serves and before the shell starts (in-process: with its core). */
  beforeShell?(core: Headless['core'] | null, project: string): Promise<void>;
}

export async function startShell(opts: StartShellOptions = {}) {
  const root = tempDir();
  const home = opts.home ?? join(root, 'home');
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("hi")');
  const project = join(root, 'project');
  mkdirSync(project);
  if (!opts.home) {
    // Let the core accept the temp project (it refuses dirs outside trusted roots).
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [root] }));
  }
  const inProcess = inProcessDaemons(home);
  const nodes = opts.daemon === 'process' ? nodeDaemons(home) : null;
  let shell: Shell | null = null;
  // The shell first (so its link does not see the daemon go and restart it), then the daemons.
  onTestFinished(async () => {
    await shell?.dispose();
    await inProcess.stopAll();
    await nodes?.stopAll();
  });
  if (opts.daemonRunning) {
    await (nodes ?? inProcess).processes.start();
    await until(async () => (await findServing(home)) !== null, 'the daemon to serve');
    await opts.beforeShell?.(inProcess.current()?.core ?? null, project);
  }
  const fake = createFakeElectron({ gotLock: opts.gotLock, version: opts.version, messageBoxResponse: opts.messageBoxResponse });
  const logs: string[] = [];
  shell = createShell(fake.electron, {
    home,
    rendererDir,
    preload: join(root, 'preload.cjs'),
    processes: nodes?.processes ?? inProcess.processes,
    hidden: opts.hidden,
    log: (m) => (logs.push(m), process.env.SB_SHELL_LOG && process.stderr.write(`shell: ${m}\n`)),
    trayDebounceMs: 5,
    healthIntervalMs: opts.healthIntervalMs ?? 200,
  });
  await shell.ready;
  await new Promise((r) => setImmediate(r)); // did-finish-load / ready-to-show
  const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow | undefined;
  return { ...fake, shell, win, home, project, rendererDir, logs, daemons: inProcess, nodes, core: inProcess.current()?.core ?? null };
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds (generous: the machine may be loaded); throws with `what` when it never does. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(50);
  }
}

type Started = Awaited<ReturnType<typeof startShell>>;

/** What the window's preload does for `daemon()`: one invoke from the window's top frame. */
export async function askDaemon(s: Started): Promise<IpcResult<DaemonAddress>> {
  return (await s.invoke(DAEMON_CHANNEL, s.win!.webContents.mainFrame)) as IpcResult<DaemonAddress>;
}

/** An ipcRenderer wired to the fake ipcMain as `frame` (default: the shell's own window's top frame),
 * receiving what main sends to that window as Electron delivers it (event object first). */
export function rendererOf(s: Started, frame = s.win!.webContents.mainFrame) {
  const events = new EventEmitter();
  const ipc = {
    invoke: (channel: string, ...args: unknown[]) => s.invoke(channel, frame, ...args),
    on: (channel: string, l: (...a: unknown[]) => void) => events.on(channel, l),
    removeListener: (channel: string, l: (...a: unknown[]) => void) => events.removeListener(channel, l),
  };
  const origSend = s.win!.webContents.send.bind(s.win!.webContents);
  s.win!.webContents.send = (channel: string, ...args: unknown[]) => {
    origSend(channel, ...args);
    events.emit(channel, { sender: 'ipcRenderer' }, ...args);
  };
  return { ipc: ipc as unknown as IpcRendererLike, events };
}

/**
 * The desktop window's client as the page builds it (renderer/api/desktop-client.ts) on the real
 * preload bridge: where the daemon is comes from main, then HTTP and the events WebSocket go straight
 * to the daemon, with the app's Origin as Chromium sends it from app://switchboard.
 */
export async function windowClient(s: Started) {
  const client = await createDesktopClient(createBridge(rendererOf(s).ipc), {
    fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: APP_ORIGIN } }),
    connect: (url) => new WebSocket(url, { origin: APP_ORIGIN }) as unknown as SocketLike,
  });
  onTestFinished(() => client.dispose());
  return { client, api: client.api };
}
