/**
 * Headless mode: the core plus the host, with `<home>/server.json` so the CLI can find it, and a clean
 * stop on SIGINT/SIGTERM. `switchboard serve` and the `npm start` fallback both call startHeadless().
 */
import { createCore, type Core } from '../core/create-core.js';
import { AppError } from '../core/errors.js';
import { homePaths } from '../core/home.js';
import type { Host } from './create-host.js';
import { lockHome } from './home-lock.js';
import { publishHost, type Published } from './publish.js';
import { isLoopback } from './security.js';
import type { ServerInfo } from './server-info.js';

/** Used when no port is asked for; if it is taken, any free port is used instead. */
export const DEFAULT_PORT = 7420;

export interface HeadlessOptions {
  home: string;
  /** 0: any free port. Unset: DEFAULT_PORT, or any free port when that one is taken. */
  port?: number;
  bindHost?: string;
  /** Refuse to listen anywhere but loopback (also `localOnly` in config.json). */
  localOnly?: boolean;
  staticDir?: string;
  /** Where the URL and status lines go (stdout by default). */
  log?: (line: string) => void;
  /** Stop on SIGINT/SIGTERM and then exit the process (default true; tests turn it off). */
  handleSignals?: boolean;
  /** Let the scheduler run tasks (default true; tests that place tasks by hand turn it off). */
  runTasks?: boolean;
  /** The desktop window's origin the host accepts (default app://switchboard; tests pass a stand-in). */
  appOrigin?: string;
}

export interface Headless {
  readonly core: Core;
  readonly host: Host;
  readonly info: ServerInfo;
  /** The URL to open, with the token in the fragment. */
  readonly openUrl: string;
  /** Closes the host, disposes the core and removes server.json. Safe to call twice. */
  stop(): Promise<void>;
  /** Settles once stopped, by stop() or by a signal. */
  readonly stopped: Promise<void>;
}

export async function startHeadless(opts: HeadlessOptions): Promise<Headless> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const paths = homePaths(opts.home);
  const bindHost = opts.bindHost ?? '127.0.0.1';

  // Before anything touches the home (recovery kills a dead instance's agents): one writer per home.
  const lock = await lockHome(paths);
  let core: Core;
  try {
    core = createCore({ home: paths.root, mode: 'headless', watchConfig: true, runTasks: opts.runTasks ?? true, localOnly: opts.localOnly });
  } catch (err) {
    lock.release();
    throw err;
  }
  let published: Published;
  try {
    if ((opts.localOnly ?? core.config.get().localOnly) && !isLoopback(bindHost)) {
      throw new AppError('invalid_input', `localOnly is set, so Switchboard listens only on 127.0.0.1; drop --host ${bindHost} (or unset localOnly in ${paths.config})`);
    }
    const hostOpts = { bindHost, staticDir: opts.staticDir, appOrigin: opts.appOrigin };
    try {
      published = await publishHost(core, paths, { ...hostOpts, port: opts.port ?? DEFAULT_PORT });
    } catch (err) {
      if (opts.port != null || !(err instanceof AppError) || err.code !== 'unavailable' || /server\.json/.test(err.message)) throw err;
      log(`port ${DEFAULT_PORT} is taken; using a free port instead`);
      published = await publishHost(core, paths, { ...hostOpts, port: 0 });
    }
  } catch (err) {
    await core.dispose();
    lock.release();
    throw err;
  }
  const { host, info } = published;

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | null = null;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130); // a second Ctrl+C: stop waiting
    log(`${signal}: stopping Switchboard...`);
    void stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`switchboard: stopping failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (opts.handleSignals !== false) for (const s of signals) process.off(s, onSignal);
      try {
        await published.close();
        await core.dispose();
      } finally {
        lock.release();
        resolveStopped();
      }
    })());

  if (opts.handleSignals !== false) for (const s of signals) process.on(s, onSignal);

  log(`Switchboard (headless) is serving ${paths.root}`);
  log(`Open ${host.openUrl}`);
  log('Press Ctrl+C to stop.');
  return { core, host, info, openUrl: host.openUrl, stop, stopped };
}
