/**
 * The steps of an interactive agent (issue 11: `interactive: true`, e.g. the claude-tui built-in):
 *   run       dispatch → the agent's own TUI starts in the PTY on the prompt and writes a new file;
 *             the task stays `running` afterwards, waiting for the person
 *   typed     `switchboard attach ID` with a piped stdin: a line typed into the TUI reaches the
 *             model, and the agent edits the file
 *   done      `switchboard done ID` → the agent quits (its quitInput), the task is awaiting_review,
 *             and no process carrying its dispatch id is left
 *   diff      the file with the typed edit is in `switchboard diff`
 *   approve   `switchboard approve` → the file is in the project with the edited content
 * First-run dialogs are avoided through the CLI's own settings, written by agent-env.mjs as a user's
 * would be (Claude: onboarding done, the API key approved, the project trusted; its worktrees inherit it).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, processesOf, sleep, waitFor } from './cli.mjs';

async function until(what, fn, timeoutMs = 180_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(500);
  }
}

/** Types `text`, then Enter a moment later (a TUI takes a burst with Enter in it as a paste), through `switchboard attach`. */
async function typeInto({ sbHome, env, id, text }) {
  const child = spawn(process.execPath, [CLI, 'attach', id, '--home', sbHome], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let shown = '';
  child.stdout.on('data', (d) => (shown += d));
  await until('attach to show the terminal', () => shown.length > 0 || child.exitCode !== null, 30_000);
  child.stdin.write(text);
  await sleep(1000);
  child.stdin.write('\r');
  await sleep(1000);
  child.stdin.write('\x1d'); // Ctrl-]: detach, the agent keeps running
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  return child.exitCode;
}

export async function runTuiSteps({ name, cli, project, sbHome, env }) {
  const steps = {};
  const started = Date.now();
  const fail = (k, e) => (steps[k] = { ok: false, why: String(e?.message ?? e).slice(0, 400) });
  const file = `${name}.txt`;
  const first = `hello_from_${name.replace(/\W/g, '_')}`;
  const second = `typed_into_${name.replace(/\W/g, '_')}`;
  const id = `dispatch-conf-${name}-${Date.now().toString(36)}`;
  let step = 'run';
  try {
    const d = await cli.run(['dispatch', '--project', project, '--agent', name, '--id', id, `Create the file ${file}. [sb:write path=${file} text=${first}]`]);
    if (d.code !== 0) throw new Error(`switchboard dispatch exited ${d.code}: ${d.stderr.trim()}`);
    const shown = await waitFor(cli, id, ['running']);
    const inTree = (text) => {
      const path = join(shown.task.worktreePath ?? project, file);
      return existsSync(path) && readFileSync(path, 'utf8').includes(text);
    };
    await until(`${file} with "${first}" in the worktree`, () => inTree(first));
    await sleep(3000);
    const still = await cli.json(['show', id]);
    if (still.task.state !== 'running') throw new Error(`after its first turn the task is ${still.task.state}, not running`);
    if (!still.runs.at(-1)?.interactive) throw new Error('its run is not marked interactive');
    steps.run = { ok: true };

    step = 'typed';
    const code = await typeInto({ sbHome, env, id, text: `Now change it. [sb:edit path=${file} old=${first} new=${second}]` });
    if (code !== 0) throw new Error(`switchboard attach exited ${code}`);
    await until(`the typed edit ("${second}") in the worktree`, () => inTree(second));
    steps.typed = { ok: true };

    step = 'done';
    const done = await cli.run(['done', id, '--json'], 120_000);
    if (done.code !== 0) throw new Error(`switchboard done exited ${done.code}: ${(done.stderr || done.stdout).trim()}`);
    const after = JSON.parse(done.stdout);
    if (after.state !== 'awaiting_review') throw new Error(`after done the task is ${after.state}${after.error ? `: ${after.error}` : ''}`);
    let left = processesOf(id);
    for (let i = 0; i < 20 && left.length; i++) {
      await sleep(500);
      left = processesOf(id);
    }
    if (left.length) throw new Error(`process(es) ${left.join(', ')} still run with its dispatch id after done`);
    steps.done = { ok: true };

    step = 'diff';
    const diff = await cli.run(['diff', id, '--no-color']);
    if (!diff.stdout.includes(file) || !diff.stdout.includes(second)) throw new Error(`the diff lacks ${file} with "${second}": ${diff.stdout.slice(0, 300) || diff.stderr}`);
    steps.diff = { ok: true };

    step = 'approve';
    const a = await cli.run(['approve', id]);
    if (a.code !== 0) throw new Error(`switchboard approve exited ${a.code}: ${(a.stderr || a.stdout).trim()}`);
    const got = readFileSync(join(project, file), 'utf8').trim();
    steps.approve = got === second ? { ok: true } : { ok: false, why: `${file} holds "${got}", expected "${second}"` };
  } catch (e) {
    fail(step, e);
    await cli.run(['cancel', id]);
  }
  return { steps, seconds: Math.round((Date.now() - started) / 1000) };
}
