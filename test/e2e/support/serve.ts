import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** The built app to test: this checkout, or SWITCHBOARD_E2E_APP (a folder with package.json and out/). */
const APP = process.env.SWITCHBOARD_E2E_APP ? resolve(process.env.SWITCHBOARD_E2E_APP) : ROOT;
const CLI = join(APP, 'out/electron/cli/index.js');

export interface Served {
  home: string;
  /** The URL `serve` printed, token in the fragment. */
  openUrl: string;
  origin: string;
  token: string;
  proc: ChildProcess;
  /** POSTs a contract request the way the renderer does. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the built `switchboard serve --home <tmp> --port 0` (or `port`) and waits for the URL it prints. */
export async function startServe(opts: { home?: string; env?: NodeJS.ProcessEnv; config?: Record<string, unknown>; port?: number } = {}): Promise<Served> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the browser tests`);
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'sb-e2e-'));
  // Projects live in the temp dir, so it must be a trusted root.
  const config = opts.config ?? { trustedRoots: [realpathSync(tmpdir())] };
  writeFileSync(join(home, 'config.json'), JSON.stringify(config, null, 2));
  const proc = spawn(process.execPath, [CLI, 'serve', '--home', home, '--port', String(opts.port ?? 0)], {
    cwd: APP,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const openUrl = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve printed no URL within 20 s. Output:\n${output}`)), 20_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /(http:\/\/\S+#token=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`serve exited with ${code} before printing its URL. Output:\n${output}`));
    });
  });
  const url = new URL(openUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const origin = url.origin;

  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const res = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(`${method} failed (${res.status}): ${body.error?.message}`);
    return body;
  };

  const stop = async () => {
    if (proc.exitCode == null && proc.signalCode == null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode == null && proc.signalCode == null) proc.kill('SIGKILL');
    }
    if (!opts.home) rmSync(home, { recursive: true, force: true });
  };

  return { home, openUrl, origin, token, proc, call, stop };
}
