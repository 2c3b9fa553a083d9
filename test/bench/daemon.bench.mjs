// Issue 13: an idle daemon. A detached `switchboard serve` with N tasks waiting in review (50; 3 with
// --quick) is watched for a window (60 s; 6 s with --quick): its CPU (utime + stime from /proc, as a
// share of one core), its RSS at the end, and whether any git process ran under it (the /proc tree is
// sampled every 100 ms, which catches a git that lives at least that long). Linux only (/proc).
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_GIT_ENV, benchRepo } from './bench-repo.mjs';

const CLK_TCK = 100; // sysconf(_SC_CLK_TCK) on Linux
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const stat = (pid) => {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
};
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** Pids of git processes descending from `root` right now. */
function gitDescendants(root) {
  const parent = new Map();
  const comm = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parent.set(Number(name), stat(name).ppid);
      comm.set(Number(name), readFileSync(`/proc/${name}/comm`, 'utf8').trim());
    } catch {
      // gone meanwhile
    }
  }
  const under = (pid) => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return [...comm].filter(([pid, c]) => c === 'git' && under(pid)).map(([pid]) => pid);
}

export default async function ({ quick, root }) {
  const { startDetached, stopDaemon } = await import(pathToFileURL(join(root, 'out/electron/cli/daemon-control.js')).href);
  const { createClient } = await import(pathToFileURL(join(root, 'out/electron/cli/client.js')).href);
  const tasks = quick ? 3 : 50;
  const windowMs = quick ? 6_000 : 60_000;
  const home = mkdtempSync(join(tmpdir(), 'sb-bench-daemon-'));
  const project = benchRepo('sb-bench-daemon-repo-');
  const gitEnv = { ...process.env, ...BENCH_GIT_ENV };
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({ trustedRoots: [realpathSync(tmpdir())], agents: { claude: { command: join(root, 'test/fixtures/fake-claude.mjs') } }, maxConcurrent: 4 }),
  );
  let pid;
  try {
    const { info } = await startDetached({ home, serveArgs: ['--port', '0'], env: gitEnv });
    pid = info.pid;
    const api = createClient(info, { home });
    for (let i = 0; i < tasks; i++) await api['tasks.create']({ projectDir: project, agent: 'claude', prompt: `write file-${i}.txt change ${i}` });
    for (const end = Date.now() + 600_000; ; await sleep(500)) {
      const { counts } = await api['app.status']({});
      if (counts.awaiting_review === tasks) break;
      if (Date.now() > end) throw new Error(`only ${counts.awaiting_review} of ${tasks} tasks reached review: ${JSON.stringify(counts)}`);
    }
    await sleep(quick ? 1_000 : 5_000); // let start-up work settle
    const before = stat(pid).ticks;
    const seenGit = new Set();
    const start = Date.now();
    while (Date.now() - start < windowMs) {
      for (const g of gitDescendants(pid)) seenGit.add(g);
      await sleep(100);
    }
    const cpuPct = ((stat(pid).ticks - before) / CLK_TCK / ((Date.now() - start) / 1000)) * 100;
    const rss = rssMb(pid);
    const label = `idle daemon, ${tasks} tasks in review, ${windowMs / 1000} s`;
    return [
      { name: `${label}: CPU`, value: cpuPct, unit: '% of a core', target: '<= 0.2 %', ok: cpuPct <= 0.2 },
      { name: `${label}: git processes`, value: seenGit.size, unit: '', target: '0', ok: seenGit.size === 0 },
      { name: `${label}: RSS`, value: rss, unit: 'MB', target: '<= 80 MB', ok: rss <= 80 },
    ];
  } finally {
    if (pid) await stopDaemon(home).catch(() => process.kill(pid, 'SIGKILL'));
    rmSync(home, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  }
}
