// Issue #3: the dispatch inbox. Latency from the rename of a file into the inbox to its task row being
// visible (committed), and to it being durable (the WAL fsynced, the file moved to accepted/), p50 and
// p99; and the burst intake rate counted to the last durable task. Each beside a bare fs.watch +
// readFile + JSON.parse loop measured in the same run (for the bare loop, "durable" = parsed).
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const now = () => performance.now();
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Hidden temp files ready to be renamed into the inbox (written before the clock starts). */
function prepare(inbox, project, prefix, n) {
  const files = [];
  for (let i = 0; i < n; i++) {
    const id = `dispatch-${prefix}-${i}`;
    const tmp = join(inbox, `.${id}.tmp`);
    writeFileSync(tmp, JSON.stringify({ id, dispatched_by: 'bench', task: `bench task ${i}: ${'lorem ipsum '.repeat(20)}`, project: 'app', project_dir: project }));
    files.push({ id, tmp, path: join(inbox, `${id}.json`) });
  }
  return files;
}

/** Measures one consumer: `visible` and `durable` waiters resolve when a file's task reached that point. */
async function measure({ inbox, project, prefix, latencyN, burstN, visible, durable }) {
  const lat = [];
  const dur = [];
  for (const f of prepare(inbox, project, `${prefix}-lat`, latencyN)) {
    const seen = visible.wait(f.id);
    const stored = durable === visible ? seen : durable.wait(f.id);
    const t = now();
    renameSync(f.tmp, f.path);
    await seen;
    lat.push(now() - t);
    await stored;
    dur.push(now() - t);
    await sleep(1);
  }
  const burst = prepare(inbox, project, `${prefix}-burst`, burstN);
  const all = Promise.all(burst.map((f) => durable.wait(f.id)));
  const t = now();
  for (const f of burst) renameSync(f.tmp, f.path);
  await all;
  const seconds = (now() - t) / 1000;
  return { p50: pct(lat, 50), p99: pct(lat, 99), d50: pct(dur, 50), d99: pct(dur, 99), rate: burstN / seconds };
}

function waiters() {
  const map = new Map();
  return {
    wait: (id) => new Promise((r) => map.set(id, r)),
    seen: (id) => {
      const r = map.get(id);
      if (r) {
        map.delete(id);
        r();
      }
    },
  };
}

export default async function ({ quick, root }) {
  const load = (p) => import(pathToFileURL(join(root, 'out/electron/core', p)).href);
  const [{ createStore }, { createBus }, { createConfigService }, { createSubmitTask }, { createTrustPolicy }, { createDispatchService }, { homePaths, ensureHome }] =
    await Promise.all([
      load('store/index.js'),
      load('bus.js'),
      load('config/config-service.js'),
      load('tasks/submit-task.js'),
      load('dispatch/trust.js'),
      load('dispatch/dispatch-service.js'),
      load('home.js'),
    ]);
  const latencyN = quick ? 100 : 1000;
  const burstN = quick ? 500 : 4000;
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-dispatch-'));
  try {
    const project = join(dir, 'projects', 'app');
    mkdirSync(project, { recursive: true });

    // Baseline: fs.watch + readFile + JSON.parse, nothing stored, nothing moved.
    const bareInbox = join(dir, 'bare');
    mkdirSync(bareInbox);
    const bw = waiters();
    const watcher = watch(bareInbox, (_e, name) => {
      if (!name || !name.endsWith('.json') || name.startsWith('.')) return;
      readFile(join(bareInbox, name), 'utf8').then(
        (text) => bw.seen(JSON.parse(text).id),
        () => {},
      );
    });
    const bare = await measure({ inbox: bareInbox, project, prefix: 'bare', latencyN, burstN, visible: bw, durable: bw });
    watcher.close();

    // Switchboard's intake: schema, trust, task row committed to disk, file moved to accepted/.
    const paths = homePaths(join(dir, 'home'));
    ensureHome(paths);
    writeFileSync(paths.config, JSON.stringify({ trustedRoots: [join(dir, 'projects')] }));
    const clock = { now: () => Date.now() };
    const config = createConfigService(paths.config);
    const store = createStore(paths.db);
    const bus = createBus();
    const trust = createTrustPolicy({ config, userHome: dir });
    const submit = createSubmitTask({ store, bus, clock, config, checkProjectDir: trust.checkProjectDir });
    const visible = waiters();
    const durable = waiters();
    const service = createDispatchService({
      store, bus, clock, config, submit, trust, paths, version: 'bench', userHome: dir,
      log: (m) => console.error(m),
      onCommitted: (_files, outcomes) => {
        for (const o of outcomes) if (o.kind === 'accepted') visible.seen(o.taskId);
      },
      onBatch: (_files, outcomes) => {
        for (const o of outcomes) if (o.kind === 'accepted') durable.seen(o.taskId);
      },
    });
    service.start();
    const ours = await measure({ inbox: paths.dispatch, project, prefix: 'sb', latencyN, burstN, visible, durable });
    const tasks = store.db.prepare('SELECT COUNT(*) FROM tasks').pluck().get();
    await service.dispose();
    store.dispose();
    config.dispose();
    if (tasks !== latencyN + burstN) throw new Error(`expected ${latencyN + burstN} tasks, found ${tasks}`);
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

    return [
      { name: `rename → task row, p50 (${latencyN} files, v${version})`, value: ours.p50, unit: 'ms', baseline: bare.p50, ratio: ours.p50 / bare.p50 },
      { name: 'rename → task row, p99', value: ours.p99, unit: 'ms', baseline: bare.p99, ratio: ours.p99 / bare.p99, target: '< 10 ms', ok: ours.p99 < 10 },
      { name: 'rename → task on disk + file in accepted/, p50', value: ours.d50, unit: 'ms', baseline: bare.p50, ratio: ours.d50 / bare.p50 },
      { name: 'rename → task on disk + file in accepted/, p99', value: ours.d99, unit: 'ms', baseline: bare.p99, ratio: ours.d99 / bare.p99, target: '< 10 ms', ok: ours.d99 < 10 },
      { name: `burst intake to disk (${burstN} files)`, value: ours.rate, unit: 'files/s', baseline: bare.rate, ratio: ours.rate / bare.rate, target: '>= 2000 files/s', ok: ours.rate >= 2000 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
