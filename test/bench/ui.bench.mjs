// Issue #7, in the browser: time to first paint of a 10,000-line diff (target < 300 ms) and of
// replaying 10 MB of terminal output (target < 1 s), in Debian Chromium against `switchboard serve`.
// Each is measured beside a baseline taken in the same page: the same bytes fetched from the host and
// put on screen as plain text, with no diff viewer or terminal emulator.
/* global document, location, requestAnimationFrame, sessionStorage, HTMLInputElement, Event -- code passed to page.evaluate() runs in the page */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const MB = 1024 * 1024;
const BOARD_TASKS = 1000;

/** A modified file with `lines` changed lines in hunks of 25 removed + 25 added lines. */
function bigPatch(lines) {
  const hunks = Math.ceil(lines / 50);
  const out = ['diff --git a/src/big.ts b/src/big.ts', 'index 1111111..2222222 100644', '--- a/src/big.ts', '+++ b/src/big.ts'];
  for (let h = 0; h < hunks; h++) {
    const start = h * 40 + 1;
    out.push(`@@ -${start},31 +${start},31 @@ export function block${h}() {`);
    out.push(`   const base${h} = ${h};`, '   // unchanged context', '   let total = 0;');
    for (let i = 0; i < 25; i++) out.push(`-  total += compute(${h}, ${i}, "old value ${i}");`);
    for (let i = 0; i < 25; i++) out.push(`+  total += computeFaster(${h}, ${i}, \`new value ${i}\`);`);
    out.push('   return total;', ' }', ' ');
  }
  return `${out.join('\n')}\n`;
}

/** ~`bytes` of coloured terminal output in 16 KB chunks, ending with a marker line. */
function* terminalChunks(bytes) {
  let line = 0;
  let sent = 0;
  while (sent < bytes) {
    let chunk = '';
    while (chunk.length < 16 * 1024) chunk += `\x1b[32m${String(++line).padStart(7)}\x1b[0m building module ${line % 977} of the project … \x1b[1mok\x1b[0m\r\n`;
    sent += chunk.length;
    yield chunk;
  }
  yield 'END-OF-REPLAY\r\n';
}

async function seed(root, home, project) {
  const { createCore } = await import(pathToFileURL(join(root, 'out/electron/core/create-core.js')).href);
  const core = createCore({ home, userHome: project });
  try {
    const now = Date.now();
    const diffTask = await core.call('tasks.create', { projectDir: project, prompt: 'Bench: a 10,000-line diff' });
    const changeId = core.store.changes.begin(diffTask.id, null, null, null, now);
    const patch = bigPatch(10_000);
    core.store.changes.addFiles(changeId, 0, [
      { path: 'src/big.ts', oldPath: null, status: 'modified', binary: false, size: null, additions: 5000, deletions: 5000, oldMode: null, newMode: null, patch: Buffer.from(patch) },
    ]);
    core.store.changes.finish(changeId, { files: 1, additions: 5000, deletions: 5000 });

    const termTask = await core.call('tasks.create', { projectDir: project, prompt: 'Bench: 10 MB of terminal output' });
    const run = core.store.runs.create(termTask.id, 'claude', 'pty', core.instanceId, now);
    const writer = core.store.output.writer(run.id, 64 * MB);
    let bytes = 0;
    for (const c of terminalChunks(10 * MB)) {
      writer.append(c);
      bytes += c.length;
    }
    core.store.runs.finish(run.id, { exitCode: 0, signal: null, errorType: null, error: null }, now);

    // The board at scale: 1,000 tasks, half queued and half finished (cancelled).
    for (let i = 0; i < BOARD_TASKS; i++) {
      const t = await core.call('tasks.create', { projectDir: project, prompt: `Bench board task ${i}` });
      if (i % 2) await core.call('tasks.cancel', { id: t.id });
    }
    return { diffTask: diffTask.id, termTask: termTask.id, patchLines: patch.split('\n').length, termBytes: bytes };
  } finally {
    await core.dispose();
  }
}

function serve(root, home) {
  const proc = spawn(process.execPath, [join(root, 'out/electron/cli/index.js'), 'serve', '--home', home, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${out}`)), 20_000);
    const onData = (b) => {
      out += b;
      const m = /(http:\/\/\S+#token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

/** In the page: navigate to a route and time it until the view is ready and a frame has painted. */
const timeRoute = (page, hash, kind) =>
  page.evaluate(
    async ([hash, kind]) => {
      const ready = () => {
        if (kind === 'diff') {
          // A large file opens collapsed (as on GitHub): the time includes asking for it at once.
          const show = document.querySelector('.diff-collapsed button');
          if (show?.textContent === 'Show diff') show.click();
          return document.querySelectorAll('.file-diff .diff-line').length > 0;
        }
        const t = document.querySelector('.terminal-host')?.xterm;
        if (!t) return false;
        const b = t.buffer.active;
        for (let i = b.length - 1; i >= Math.max(0, b.length - 5); i--) if (b.getLine(i)?.translateToString(true).includes('END-OF-REPLAY')) return true;
        return false;
      };
      const t0 = performance.now();
      location.hash = hash;
      while (!ready()) await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    [hash, kind],
  );

/**
 * The baseline: fetch the same data from the host and take its text. For the diff it is also shown
 * as plain text; 10 MB of terminal text cannot be laid out as a page at all (tens of seconds), so
 * that baseline is the transfer alone.
 */
const timePlain = (page, method, input) =>
  page.evaluate(
    async ([method, input]) => {
      const t0 = performance.now();
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sessionStorage.getItem('switchboard.token')}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = await res.json();
      const text = method === 'changes.fileDiff' ? body.patch : body.chunks.map((c) => c.data).join('');
      const pre = document.createElement('pre');
      if (method === 'changes.fileDiff') pre.textContent = text;
      document.body.append(pre);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const ms = performance.now() - t0;
      pre.remove();
      return ms;
    },
    [method, input],
  );

/**
 * In the page, on the board: types a query into the task search and times it until every card shown
 * matches and a frame has painted. The baseline hides the non-matching ones of as many plain divs.
 */
const timeFilter = (page, query) =>
  page.evaluate(async (query) => {
    const cards = () => [...document.querySelectorAll('.board .card-title')];
    const shown = cards().length;
    const input = document.getElementById('task-search');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const type = async (value, done) => {
      const t0 = performance.now();
      setValue.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (!done()) await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    };
    const ms = await type(query, () => cards().length > 0 && cards().every((c) => c.textContent.includes(query)));
    const box = document.createElement('div');
    for (let i = 0; i < shown; i++) box.append(Object.assign(document.createElement('div'), { textContent: `Bench board task ${i}` }));
    document.body.append(box);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t0 = performance.now();
    for (const d of box.children) d.style.display = d.textContent.includes(query) ? '' : 'none';
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const base = performance.now() - t0;
    box.remove();
    await type('', () => true);
    return { ms, base, shown };
  }, query);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function ({ quick, root }) {
  if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium');
  const { chromium } = await import('playwright-core');
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'sb-bench-ui-')));
  const home = join(dir, 'home');
  const project = join(dir, 'project');
  mkdirSync(home);
  mkdirSync(project);
  writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [dir] }));
  const seeded = await seed(root, home, project);
  const { proc, url } = await serve(root, home);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(url);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    // The app preloads the diff viewer once idle after start-up; a person opens a review later than this.
    await page.waitForTimeout(2000);
    const reps = quick ? 2 : 5;

    const diffMs = [];
    const termMs = [];
    const plainDiff = [];
    const plainTerm = [];
    let diffCold = 0;
    for (let i = 0; i < reps; i++) {
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      const ms = await timeRoute(page, `#/review/${seeded.diffTask}`, 'diff');
      if (i === 0) diffCold = ms;
      else diffMs.push(ms);
      plainDiff.push(await timePlain(page, 'changes.fileDiff', { taskId: seeded.diffTask, path: 'src/big.ts' }));

      await page.evaluate(() => (location.hash = '#/settings'));
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      termMs.push(await timeRoute(page, `#/tasks/${seeded.termTask}`, 'terminal'));
      plainTerm.push(await timePlain(page, 'runs.output', { taskId: seeded.termTask, maxBytes: 16 * 1024 * 1024 }));
    }
    const fullReplay = await page.evaluate(async (taskId) => {
      // For comparison: every one of the 10 MB fetched and written into the same terminal.
      const t0 = performance.now();
      const res = await fetch('/api/runs.output', {
        method: 'POST',
        headers: { authorization: `Bearer ${sessionStorage.getItem('switchboard.token')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ taskId, maxBytes: 16 * 1024 * 1024 }),
      });
      const body = await res.json();
      const term = document.querySelector('.terminal-host').xterm;
      term.reset();
      await new Promise((r) => term.write(body.chunks.map((c) => c.data).join(''), r));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, seeded.termTask);
    // The board with 1,000 tasks: every finished page loaded ("Show older"), then a filter keystroke.
    await page.evaluate(() => (location.hash = '#/tasks'));
    await page.locator('.board .card').first().waitFor();
    for (let more = page.getByRole('button', { name: 'Show older' }); await more.count(); ) {
      const before = await page.locator('.board .card').count();
      await more.first().click();
      await page.waitForFunction((n) => document.querySelectorAll('.board .card').length > n || !document.querySelector('.column-more'), before);
    }
    const filter = [];
    let boardCards = 0;
    for (let i = 0; i < reps; i++) {
      const r = await timeFilter(page, `task ${7 + i}`);
      filter.push(r);
      boardCards = Math.max(boardCards, r.shown);
      await page.waitForTimeout(600); // the core's debounced search reloads; the next keystroke starts from it
    }
    const filterMs = median(filter.map((r) => r.ms));
    const filterBase = median(filter.map((r) => r.base));
    const diff = median(diffMs);
    const term = median(termMs);
    const bd = median(plainDiff);
    const bt = median(plainTerm);
    return [
      { name: `first paint of a ${seeded.patchLines.toLocaleString()}-line diff (first review opened)`, value: diffCold, unit: 'ms', target: '< 300 ms', ok: diffCold < 300 },
      { name: 'first paint of the same diff (median, viewer loaded)', value: diff, unit: 'ms', baseline: bd, ratio: diff / bd, target: '< 300 ms', ok: diff < 300 },
      {
        name: `open a run with ${(seeded.termBytes / MB).toFixed(1)} MB of output, to its last line (replays the newest 2 MB)`,
        value: term,
        unit: 'ms',
        baseline: bt,
        ratio: term / bt,
        target: '< 1000 ms',
        ok: term < 1000,
      },
      { name: 'for comparison: all 10 MB fetched and written into the terminal', value: fullReplay, unit: 'ms' },
      {
        name: `board with ${boardCards.toLocaleString()} task cards: a filter keystroke to paint (baseline: hiding as many plain divs)`,
        value: filterMs,
        unit: 'ms',
        baseline: filterBase,
        ratio: filterMs / filterBase,
        target: '< 100 ms',
        ok: filterMs < 100,
      },
    ];
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
