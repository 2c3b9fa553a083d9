/** The built CLI (`out/`) run as a user runs it, in its own processes. Needs `npm run build`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const cli = join(root, 'out/electron/cli/index.js');
const builtMigrations = join(root, 'out/electron/core/store/migrations');
const children: ChildProcess[] = [];

export function requireBuiltCli(): void {
  if (!existsSync(cli) || !existsSync(builtMigrations)) throw new Error(`${cli} is not built: run \`npm run build\` first`);
}

/** SIGKILLs every `serve` this file started that still runs (call from afterEach). */
export function killServes(): void {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts `switchboard serve` and resolves with the URL and token it prints. */
export function serve(home: string, env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--home', home, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 15 s; stdout: ${out}; stderr: ${err}`)), 15_000);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], token: m[2] });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}; stdout: ${out}; stderr: ${err}`)));
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
