/**
 * The suite drives Switchboard only as a user does: `switchboard serve` in its own process and the
 * built CLI for every step (dispatch, show, permissions, allow, diff, followup, approve, cancel).
 */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../out/electron/cli/index.js', import.meta.url));
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function createCli({ sbHome, env }) {
  const run = (args, timeoutMs = 60_000) =>
    new Promise((resolve) => {
      execFile(process.execPath, [CLI, '--home', sbHome, ...args], { env, timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  const json = async (args) => {
    const r = await run([...args, '--json']);
    if (r.code !== 0) throw new Error(`switchboard ${args.join(' ')} exited ${r.code}: ${(r.stderr || r.stdout).trim()}`);
    return JSON.parse(r.stdout);
  };
  return { run, json };
}

/** Starts `switchboard serve`; resolves once it prints its URL. */
export function startServe({ sbHome, env }) {
  const child = spawn(process.execPath, [CLI, 'serve', '--home', sbHome, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`switchboard serve printed no URL in 60 s: ${out}`)), 60_000);
    const take = (d) => {
      out += d;
      if (/Open http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => reject(new Error(`switchboard serve exited with ${code}: ${out}`)));
  });
}

/** pids of live processes whose environment carries this dispatch id (what an agent started). */
export function processesOf(dispatchId, { prefix = false } = {}) {
  const marker = `SWITCHBOARD_DISPATCH_ID=${dispatchId}${prefix ? '' : '\0'}`;
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(join('/proc', name, 'environ'), 'latin1').includes(marker)) pids.push(Number(name));
    } catch {}
  }
  return pids;
}

/**
 * Polls a task until it reaches one of `states`, answering any pending permission request with
 * `switchboard allow` on the way. Returns { task, runs, permissions: n answered }.
 */
export async function waitFor(cli, taskId, states, { timeoutMs = 240_000, allow = true } = {}) {
  const until = Date.now() + timeoutMs;
  let permissions = 0;
  let last = null;
  while (Date.now() < until) {
    last = await cli.json(['show', taskId]).catch((e) => ({ error: String(e) }));
    const state = last.task?.state;
    if (state && states.includes(state)) return { ...last, permissions };
    if (state && ['failed', 'timed_out', 'cancelled', 'no_changes', 'rejected', 'applied', 'interrupted'].includes(state) && !states.includes(state)) {
      throw new Error(`${taskId} ended ${state}${last.task.error ? `: ${last.task.error}` : ''}`);
    }
    if (allow && state === 'awaiting_input') {
      for (const p of await cli.json(['permissions', '--task', taskId])) {
        const r = await cli.run(['allow', String(p.id)]);
        if (r.code !== 0) throw new Error(`switchboard allow ${p.id} exited ${r.code}: ${r.stderr.trim()}`);
        permissions++;
      }
    }
    await sleep(1000);
  }
  throw new Error(`${taskId} did not reach ${states.join('/')} in ${timeoutMs / 1000} s (it is ${last?.task?.state ?? JSON.stringify(last)})`);
}
