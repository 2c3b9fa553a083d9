/**
 * The BUILT headless host as a user runs it: `node out/electron/cli/index.js serve --home H --port 0`
 * in its own process, found through the URL and token it prints. Built on demand when out/ is missing
 * (`npm test` builds first). Every host started here is killed when the test file ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ensureBuilt, outDir } from '../../build/built-app.js';

export interface BuiltHost {
  child: ChildProcess;
  pid: number;
  url: string;
  token: string;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** POST /api/<method> with the token; the parsed answer and its status. */
  call<T = unknown>(method: string, body?: unknown, opts?: { timeoutMs?: number }): Promise<{ status: number; body: T }>;
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started = new Set<ChildProcess>();
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export const cliPath = (): string => join(outDir, 'electron/cli/index.js');

export interface StartOptions {
  /** Extra arguments after `serve --home H --port 0`. */
  args?: string[];
  /** The host's environment (default: this process's, with HOME pointed at `userHome` when given). */
  env?: NodeJS.ProcessEnv;
  userHome?: string;
  timeoutMs?: number;
}

/** Starts `switchboard serve` and resolves once it printed the URL to open. */
export function startBuiltHost(home: string, opts: StartOptions = {}): Promise<BuiltHost> {
  ensureBuilt();
  const env = { ...(opts.env ?? process.env), ...(opts.userHome ? { HOME: opts.userHome } : {}) };
  const child = spawn(process.execPath, [cliPath(), 'serve', '--home', home, '--port', '0', ...(opts.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'], env });
  started.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      started.delete(child);
      resolve({ code, signal });
    });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in ${opts.timeoutMs ?? 20_000} ms; stdout: ${out}; stderr: ${err}`)), opts.timeoutMs ?? 20_000);
    const onData = () => {
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      const [url, token] = [m[1], m[2]];
      resolve({
        child,
        pid: child.pid!,
        url,
        token,
        stdout: () => out,
        stderr: () => err,
        exited,
        async call(method, body = {}, o = {}) {
          const res = await fetch(new URL(`api/${method}`, url), {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
          });
          return { status: res.status, body: (await res.json()) as never };
        },
        async kill9() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code ?? signal}) before it printed a URL; stdout: ${out}; stderr: ${err}`));
    });
  });
}
