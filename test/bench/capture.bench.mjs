// Issue #6: capturing a change of 2,000 files in a 20,000-file repository (temporary index, streamed
// per-file patches stored in SQLite), against a plain `git diff` of the same change in the same
// worktree, measured in the same run. Target: capture ≤ 2× the plain diff. Then a 5,000-file, 50 MB
// change, with the process's peak memory growth while capturing it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const git = (cwd, ...args) => execFileSync('git', ['-C', cwd, ...args], { env, maxBuffer: 1 << 30 }).toString().trim();

/** A file of ~40 lines; `variant` changes a few lines in the middle and one at the end. */
const content = (i, variant) =>
  Array.from({ length: 40 }, (_, l) => (variant && (l === 12 || l === 13 || l === 39) ? `changed line ${l} of file ${i} (${variant})` : `line ${l} of file ${i}: some ordinary source text`)).join('\n') + '\n';

/** The plain baseline: `git diff` of the worktree, output read and dropped. */
function plainDiff(cwd) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn('git', ['-C', cwd, 'diff', '--no-color'], { env });
    let bytes = 0;
    child.stdout.on('data', (c) => (bytes += c.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: ms(t), bytes }) : reject(new Error(`git diff exited ${code}`))));
  });
}

export default async function ({ quick, root }) {
  const { createCore } = await import(pathToFileURL(join(root, 'out/electron/core/create-core.js')).href);
  const total = quick ? 2_000 : 20_000;
  const changed = quick ? 200 : 2_000;
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-capture-'));
  try {
    const project = join(dir, 'proj');
    for (let i = 0; i < total; i++) {
      const sub = join(project, `pkg${i % 50}`, `mod${i % 7}`);
      if (i < 350) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `file${i}.txt`), content(i, 0));
    }
    git(dir, 'init', '-q', '-b', 'main', project);
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'initial');

    const home = join(dir, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [dir] }));
    const core = createCore({ home });
    const task = core.submit({ projectDir: project, prompt: 'bench', agent: 'fake', source: 'cli' });
    core.transition(task.id, 'claim');
    const t0 = process.hrtime.bigint();
    const { cwd } = await core.workspace.prepare(core.store.tasks.get(task.id));
    const prepareMs = ms(t0);
    core.transition(task.id, 'start');
    const run = core.store.runs.create(task.id, 'fake', 'pty', core.instanceId, Date.now());

    // Three rounds at either size: `median` of two picks the larger one, so with two a single
    // load spike on the capture side (a git process waiting for the CPU) set the ratio.
    const rounds = 3;
    const plain = [];
    const captures = [];
    let result;
    for (let r = 1; r <= rounds; r++) {
      // A fresh edit each round, so neither side finds git's caches warm from the other's work.
      for (let i = 0; i < changed; i++) writeFileSync(join(cwd, `pkg${(i * 10) % 50}`, `mod${(i * 10) % 7}`, `file${i * 10}.txt`), content(i * 10, r));
      const order = r % 2 ? ['plain', 'capture'] : ['capture', 'plain'];
      for (const which of order) {
        if (which === 'plain') plain.push((await plainDiff(cwd)).ms);
        else {
          const t = process.hrtime.bigint();
          result = await core.workspace.capture(core.store.tasks.get(task.id), run.id);
          captures.push(ms(t));
        }
      }
    }
    if (result?.filesChanged !== changed) throw new Error(`capture saw ${result?.filesChanged} files, expected ${changed}`);

    // A big change: 5,000 new files, 50 MB in all. Memory must stay flat (patches are streamed per file).
    const bigFiles = quick ? 500 : 5_000;
    const line = 'x'.repeat(99) + '\n';
    const body = line.repeat(100); // 10 kB a file
    for (let i = 0; i < bigFiles; i++) {
      if (i % 100 === 0) mkdirSync(join(cwd, 'big', String(i / 100)), { recursive: true });
      writeFileSync(join(cwd, 'big', String(Math.floor(i / 100)), `f${i}.txt`), `${i}\n${body}`);
    }
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
    const tBig = process.hrtime.bigint();
    const big = await core.workspace.capture(core.store.tasks.get(task.id), run.id);
    const bigMs = ms(tBig);
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    const stored = core.store.db.prepare('SELECT SUM(LENGTH(patch)) AS n FROM change_files WHERE change_id = ?').get(big.changeId).n;
    await core.dispose();
    const base = median(plain);
    const cap = median(captures);
    const growthMb = (rssPeak - rssBefore) / 1e6;
    return [
      { name: `capture ${changed} files of ${total}`, value: cap, unit: 'ms', baseline: base, ratio: cap / base, target: '≤ 2× git diff', ok: cap / base <= 2 },
      { name: `worktree prepare, ${total} files`, value: prepareMs, unit: 'ms' },
      { name: `capture ${big.filesChanged} files, ${(stored / 1e6).toFixed(0)} MB of patches`, value: bigMs, unit: 'ms' },
      // Measured here: ~30 MB for 50 MB, ~58 MB for 124 MB, ~64 MB for 258 MB (the GC's own slack): flat, not proportional.
      { name: 'peak memory growth during that capture', value: growthMb, unit: 'MB', target: '< 96 MB, whatever the size', ok: growthMb < 96 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
