// Issue #4: (1) an agent writing 100 MB through the PTY runner into the store and to a live
// subscriber, as a ratio to a raw node-pty read of the same producer in the same run (target >= 0.5);
// (2) main-process memory while 10 agents stream at once (target: flat, no growth with volume).
// The producer is test/fixtures/fake-claude.mjs `flood N` (plain lines, written as fast as the PTY takes them).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const MB = 1024 * 1024;

/** global.gc without --expose-gc on the command line (the bench runner has none). */
function exposeGc() {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

export default async function ({ quick, root }) {
  const load = (p) => import(pathToFileURL(join(root, 'out/electron/core', p)).href);
  const { createStore } = await load('store/index.js');
  const { createBus } = await load('bus.js');
  const { createPtyRunner } = await load('runners/pty-runner.js');
  const { createRunOutput } = await load('runners/run-output.js');
  const { cleanEnv } = await load('runners/clean-env.js');
  const { BUILTIN_AGENTS } = await load('runners/builtin-agents.js');
  const pty = createRequire(join(root, 'package.json'))('node-pty');
  const fake = join(root, 'test/fixtures/fake-claude.mjs');
  const agent = { ...BUILTIN_AGENTS.claude, name: 'claude', command: fake };
  const env = cleanEnv({ agent, dispatchId: 'dispatch-bench', marker: `bench-${process.pid}.dispatch-bench`, parent: process.env });
  const args = (mb) => [...agent.args, `flood ${mb}`];
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-runs-'));

  /** The baseline: node-pty read of the same producer, counting bytes and nothing else. */
  const raw = (mb) =>
    new Promise((resolve) => {
      const t = process.hrtime.bigint();
      let chars = 0;
      const p = pty.spawn(fake, args(mb), { name: 'xterm-256color', cols: 120, rows: 40, cwd: dir, env, encoding: 'utf8' });
      p.onData((d) => (chars += d.length));
      p.onExit(() => resolve({ chars, ms: Number(process.hrtime.bigint() - t) / 1e6 }));
    });

  let taskSeq = 0;
  const store = createStore(join(dir, 'bench.db'));
  const project = store.projects.ensure(dir, Date.now());
  const newRun = () => {
    const id = `dispatch-bench-${taskSeq++}`;
    store.tasks.insert({ id, contentHash: null, projectId: project.id, prompt: 'flood', agent: 'claude', priority: 0, ttlSeconds: 3600, source: 'cli', dispatchedBy: null, inPlace: true, baseBranch: null, callbackUrl: null, meta: {} }, Date.now());
    return store.runs.create(id, 'claude', 'pty', 'bench', Date.now());
  };

  /** The whole path: PTY runner → batched output → store (capped) + run.output to a live subscriber, parser on. */
  const runner = createPtyRunner();
  const bus = createBus();
  const viaRunner = async (mb, capBytes, onChunk = () => {}) => {
    const run = newRun();
    const output = createRunOutput({ bus, writer: store.output.writer(run.id, capBytes), taskId: run.taskId, runId: run.id });
    let seen = 0;
    const off = bus.on('run.output', (e) => {
      if (e.runId !== run.id) return;
      seen += e.data.length;
      onChunk(e.data.length);
    });
    const sink = { output: (d) => output.write(d), event: () => {}, sessionId: () => {}, awaitingInput: () => {}, spawned: () => {} };
    const t = process.hrtime.bigint();
    // Each run has its own dispatch id: the runner ends whatever carries a run's id when it exits.
    const runEnv = { ...env, SWITCHBOARD_DISPATCH_ID: run.taskId, GSTACK_DISPATCH_ID: run.taskId, SWITCHBOARD_RUN_MARKER: `bench-${process.pid}.${run.taskId}` };
    const handle = await runner.start({ task: { id: run.taskId }, run, agent, cwd: dir, prompt: `flood ${mb}`, env: runEnv, sink });
    const outcome = await handle.done;
    output.close();
    off();
    if (outcome.errorType) throw new Error(`the flood run failed: ${outcome.error}`);
    return { chars: seen, ms: Number(process.hrtime.bigint() - t) / 1e6 };
  };

  try {
    // (1) Throughput: raw and runner back to back, several rounds; the median of the pairs' ratios
    // (each pair shares the machine's load of the moment), and the best throughput of each.
    const mb = quick ? 10 : 100;
    const rounds = quick ? 3 : 3;
    const pairs = [];
    for (let i = 0; i < rounds; i++) {
      const r = await raw(mb);
      const s = await viaRunner(mb, 32 * MB);
      pairs.push({ raw: r.chars / MB / (r.ms / 1000), runner: s.chars / MB / (s.ms / 1000) });
    }
    const ratios = pairs.map((p) => p.runner / p.raw).sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)];
    const best = { raw: Math.max(...pairs.map((p) => p.raw)), runner: Math.max(...pairs.map((p) => p.runner)) };

    // (2) Memory: 10 agents stream at once. At every tenth of the volume, a GC, then heap and RSS:
    // retained memory must not grow with the volume (it may while caches warm up, hence from 30 %).
    const perAgent = quick ? 8 : 30;
    const agents = 10;
    const total = perAgent * agents * MB;
    const gc = exposeGc();
    const samples = [];
    let delivered = 0;
    let nextMark = 0.1;
    const onChunk = (n) => {
      delivered += n;
      if (delivered / total < nextMark) return;
      nextMark += 0.1;
      gc?.();
      const m = process.memoryUsage();
      samples.push({ at: delivered / total, rss: m.rss / MB, heap: m.heapUsed / MB });
    };
    const t = process.hrtime.bigint();
    await Promise.all(Array.from({ length: agents }, () => viaRunner(perAgent, 4 * MB, onChunk)));
    const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
    const from = samples.find((x) => x.at >= 0.3) ?? samples[0];
    const peakAfter = (k) => Math.max(...samples.filter((x) => x.at >= from.at).map((x) => x[k]));
    const growth = { rss: peakAfter('rss') - from.rss, heap: peakAfter('heap') - from.heap };
    if (process.env.BENCH_VERBOSE) console.table(samples);
    store.dispose();

    return [
      { name: `${mb} MB through the PTY runner → store + live subscriber`, value: best.runner, unit: 'MB/s', baseline: best.raw, ratio, target: '>= 0.5x raw PTY read', ok: ratio >= 0.5 },
      { name: `heap after GC, growth from 30% to 100% of 10 agents x ${perAgent} MB`, value: growth.heap, unit: 'MB', target: '< 4 MB (flat)', ok: growth.heap < 4 },
      { name: `RSS growth from 30% to 100% of the same (${((agents * perAgent) / (elapsed / 1000)).toFixed(0)} MB/s together)`, value: growth.rss, unit: 'MB', target: '< 32 MB (flat)', ok: growth.rss < 32 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
