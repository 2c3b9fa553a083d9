// Issue 13: agents streaming through the daemon to a client on its WebSocket (/api/events, batched),
// as the window and the CLI see them. The daemon runs in this process (startHeadless, the same code
// `switchboard serve` runs) with a real scheduler, worktrees and the fake agents. The client is a
// WebSocket connection from a child process (event-subscriber.mjs), as every real subscriber is (the
// window's renderer, the CLI). Until issue 13's second pass the client shared this process, so parsing
// every event for the bench counted against the daemon's own loop, which no product subscriber does;
// the figures from before that change are not comparable on that account (see the s5-perf note).
//   1. PTY: `flood N` MB through the PTY runner → store → batched WebSocket, as bytes per second at the
//      client (from its first output event to its last), against a raw node-pty read of the same producer.
//   2. ACP: N agent_message_chunk updates through the ACP runner → store → WebSocket, per second at the
//      client (first to last), against a bare SDK client connection reading the same agent.
//   3. 20 agents flooding at once: the daemon's event-loop delay p99 (perf_hooks.monitorEventLoopDelay).
// Baselines are measured in the same run; several rounds, the median of the pairs' ratios.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { BENCH_GIT_ENV, benchRepo } from './bench-repo.mjs';
import * as acp from '@agentclientprotocol/sdk';

const MB = 1024 * 1024;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function ({ quick, root }) {
  const imp = (p) => import(pathToFileURL(join(root, 'out', p)).href);
  const { startHeadless } = await imp('electron/host/serve.js');
  const { createClient } = await imp('electron/cli/client.js');
  const { cleanEnv } = await imp('electron/core/runners/clean-env.js');
  const { BUILTIN_AGENTS } = await imp('electron/core/runners/builtin-agents.js');
  const pty = createRequire(join(root, 'package.json'))('node-pty');
  const fakeClaude = join(root, 'test/fixtures/fake-claude.mjs');
  const fakeAcp = join(root, 'test/fixtures/fake-acp-agent.mjs');

  const home = mkdtempSync(join(tmpdir(), 'sb-bench-stream-'));
  const project = benchRepo('sb-bench-stream-repo-');
  Object.assign(process.env, BENCH_GIT_ENV); // the daemon runs in this process
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({
      trustedRoots: [realpathSync(tmpdir())],
      maxConcurrent: 20,
      maxConcurrentPerProject: 20,
      agents: { claude: { command: fakeClaude }, fakeacp: { transport: 'acp', command: process.execPath, args: [fakeAcp] } },
    }),
  );

  const daemon = await startHeadless({ home, port: 0, handleSignals: false, log: () => {} });
  const api = createClient(daemon.info, { home });
  // The subscriber: a child process (see the top). It reports each task's arrivals once the task ended.
  const subscriber = fork(join(root, 'test/bench/event-subscriber.mjs'), [root], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ended = new Map();
  const waiting = new Map();
  subscriber.on('message', (m) => {
    if (m.type !== 'ended') return;
    ended.set(m.id, m);
    waiting.get(m.id)?.(m);
  });
  const gone = new Promise((_, reject) => {
    subscriber.once('error', reject);
    subscriber.once('exit', (code) => reject(new Error(`the bench's subscriber exited (${code})`)));
  });
  gone.catch(() => {});
  const ready = Promise.race([gone, new Promise((resolve) => subscriber.on('message', (m) => m.type === 'ready' && resolve()))]);
  subscriber.send({ url: daemon.info.url, token: daemon.info.token });
  await ready;
  const endOf = (id) => ended.get(id) ?? Promise.race([gone, new Promise((r) => waiting.set(id, r))]);
  const runTask = async (agent, prompt, { anyEnd = false } = {}) => {
    const created = await api['tasks.create']({ projectDir: project, agent, prompt });
    const t = await endOf(created.id);
    const { state } = t;
    if (!anyEnd && state !== 'no_changes' && state !== 'awaiting_review') {
      const { task } = await api['tasks.get']({ id: created.id });
      throw new Error(`bench task ${created.id} ended ${state}: ${task.error ?? ''}`);
    }
    return t;
  };

  const agent = { ...BUILTIN_AGENTS.claude, name: 'claude', command: fakeClaude };
  const env = cleanEnv({ agent, dispatchId: 'dispatch-bench', marker: `bench-${process.pid}.dispatch-bench`, parent: process.env });
  const rawPty = (mb) =>
    new Promise((resolve) => {
      let first = 0;
      let last = 0;
      let chars = 0;
      const p = pty.spawn(fakeClaude, [...agent.args, `flood ${mb}`], { name: 'xterm-256color', cols: 120, rows: 40, cwd: project, env, encoding: 'utf8' });
      p.onData((d) => {
        last = now();
        first ||= last;
        chars += d.length;
      });
      p.onExit(() => resolve(chars / MB / ((last - first) / 1000)));
    });
  const bareAcp = async (n) => {
    const child = spawn(process.execPath, [fakeAcp], { cwd: project, stdio: ['pipe', 'pipe', 'inherit'] });
    let count = 0;
    let first = 0;
    let resolveAll;
    const all = new Promise((r) => (resolveAll = r));
    const app = acp.client({ name: 'bench' }).onNotification('session/update', () => {
      first ||= now();
      if (++count === n) resolveAll(now());
    });
    const conn = app.connect(acp.ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout)));
    await conn.agent.request('initialize', { protocolVersion: acp.PROTOCOL_VERSION, clientCapabilities: {} });
    const { sessionId } = await conn.agent.request('session/new', { cwd: project, mcpServers: [] });
    await conn.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: `flood ${n}` }] });
    const last = await all;
    child.stdin.end();
    await new Promise((r) => child.once('exit', r));
    return n / ((last - first) / 1000);
  };

  try {
    const rounds = 3;
    // 1. PTY
    const mb = quick ? 10 : 50;
    const ptyPairs = [];
    for (let i = 0; i < rounds; i++) {
      const base = await rawPty(mb);
      const t = await runTask('claude', `flood ${mb}`);
      ptyPairs.push({ base, via: t.chars / MB / ((t.last - t.first) / 1000) });
    }
    // 2. ACP
    const n = quick ? 5_000 : 20_000;
    const acpPairs = [];
    for (let i = 0; i < rounds; i++) {
      const base = await bareAcp(n);
      const t = await runTask('fakeacp', `flood ${n}`);
      if (t.chunks !== n) throw new Error(`the client saw ${t.chunks} of ${n} ACP updates`);
      acpPairs.push({ base, via: t.chunks / ((t.last - t.first) / 1000) });
    }
    // 3. 20 agents at once, the loop's delay sampled every 10 ms meanwhile.
    const agents = 20;
    const perAgent = quick ? 2 : 10;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    // Under this load a flood run sometimes ends "without reporting a result" (the runner's exit path, a
    // known issue left for later); its output still streamed, which is what this measures. Counted below.
    const fleet = await Promise.all(Array.from({ length: agents }, () => runTask('claude', `flood ${perAgent}`, { anyEnd: true })));
    lag.disable();
    const p99 = lag.percentile(99) / 1e6;
    const streamed = fleet.filter((t) => t.chars >= perAgent * MB * 0.9).length;
    const failed = fleet.filter((t) => t.state === 'failed').length;

    const row = (name, pairs, unit, fmt) => {
      const ratio = median(pairs.map((p) => p.via / p.base));
      return { name, value: fmt(Math.max(...pairs.map((p) => p.via))), unit, baseline: fmt(Math.max(...pairs.map((p) => p.base))), ratio, target: '>= 0.8x', ok: ratio >= 0.8 };
    };
    return [
      row(`${mb} MB PTY output → store → daemon WebSocket client`, ptyPairs, 'MB/s', (x) => x),
      row(`${n.toLocaleString()} ACP updates → store → daemon WebSocket client`, acpPairs, 'events/s', (x) => x),
      {
        name: `event-loop delay p99, ${agents} agents x ${perAgent} MB at once + a WebSocket client (${streamed} streamed it all, ${failed} ended failed)`,
        value: p99,
        unit: 'ms',
        target: '<= 50 ms',
        ok: p99 <= 50,
      },
    ];
  } finally {
    subscriber.disconnect();
    await daemon.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(project, { recursive: true, force: true });
  }
}
