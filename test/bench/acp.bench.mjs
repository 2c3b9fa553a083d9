// Issue #5: session/update events per second through the ACP runner (the fake agent floods
// agent_message_chunk updates over stdio; each one is stored in run_events and pushed on the bus to
// a subscriber), against a bare SDK client connection to the same agent in the same run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import * as acp from '@agentclientprotocol/sdk';

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

/** The bare baseline: the SDK's own client, typed session/update handler, nothing stored. */
async function bare(agentPath, cwd, n) {
  const t = process.hrtime.bigint();
  const child = spawn(process.execPath, [agentPath], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  let seen = 0;
  let resolveAll;
  const all = new Promise((r) => (resolveAll = r));
  const app = acp.client({ name: 'bench' }).onNotification('session/update', () => {
    if (++seen === n) resolveAll(ms(t));
  });
  const conn = app.connect(acp.ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout)));
  await conn.agent.request('initialize', { protocolVersion: acp.PROTOCOL_VERSION, clientCapabilities: {} });
  const { sessionId } = await conn.agent.request('session/new', { cwd, mcpServers: [] });
  await conn.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: `flood ${n}` }] });
  const elapsed = await all;
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  return elapsed;
}

export default async function ({ quick, root }) {
  const load = (p) => import(pathToFileURL(join(root, 'out/electron/core', p)).href);
  const [{ createStore }, { createBus }, { createConfigService }, { createPermissionService }, { createAcpRunner }] = await Promise.all([
    load('store/index.js'),
    load('bus.js'),
    load('config/config-service.js'),
    load('permissions/permission-service.js'),
    load('runners/acp-runner.js'),
  ]);
  const agentPath = join(root, 'test/fixtures/fake-acp-agent.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-acp-'));
  const cwd = join(dir, 'wt');
  mkdirSync(cwd);
  const n = quick ? 2_000 : 20_000;
  const clock = { now: () => Date.now() };
  const store = createStore(join(dir, 'store.db'));
  const bus = createBus();
  const config = createConfigService(join(dir, 'config.json'));
  const permissions = createPermissionService({ store, bus, config, clock });
  const runner = createAcpRunner({ permissions, audit: store.audit, clock });
  const project = store.projects.ensure(cwd, 0);
  const base = { contentHash: null, projectId: project.id, prompt: 'bench', agent: 'fake', priority: 0, ttlSeconds: 3600, source: 'api', dispatchedBy: null, inPlace: false, baseBranch: null, callbackUrl: null, meta: {} };
  let taskSeq = 0;

  /** One run through the runner; the clock stops when the subscriber has seen the n-th update. */
  const throughRunner = async (count) => {
    const task = store.tasks.insert({ ...base, id: `dispatch-bench-${taskSeq++}` }, clock.now());
    const run = store.runs.create(task.id, 'fake', 'acp', 'bench', clock.now());
    let seen = 0;
    let resolveAll;
    const all = new Promise((r) => (resolveAll = r));
    const t = process.hrtime.bigint();
    const off = bus.on('run.event', (e) => {
      if (e.runId === run.id && e.kind === 'acp.agent_message_chunk' && ++seen === count) resolveAll(ms(t));
    });
    const sink = {
      output: () => {},
      event: (kind, data) => bus.emit('run.event', store.events.append(run.id, task.id, kind, data, clock.now(), -1)),
      sessionId: () => {},
      awaitingInput: () => {},
      spawned: (pid) => store.runs.setProcess(run.id, pid, null),
    };
    const agent = { name: 'fake', transport: 'acp', command: process.execPath, args: [agentPath], env: {} };
    const handle = await runner.start({ task, run, agent, cwd, prompt: `flood ${count}`, env: { PATH: process.env.PATH ?? '' }, sink });
    const elapsed = await all;
    const outcome = await handle.done;
    off();
    if (outcome.errorType) throw new Error(`bench run failed: ${outcome.error}`);
    const stored = store.events.list(run.id, task.id).filter((e) => e.kind === 'acp.agent_message_chunk').length;
    if (stored !== count) throw new Error(`stored ${stored} of ${count} updates`);
    return elapsed;
  };

  try {
    await throughRunner(200); // warm up both paths (module load, page cache)
    await bare(agentPath, cwd, 200);
    const runnerMs = [];
    const bareMs = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      runnerMs.push(await throughRunner(n));
      bareMs.push(await bare(agentPath, cwd, n));
    }
    const rate = n / (Math.min(...runnerMs) / 1000);
    const bareRate = n / (Math.min(...bareMs) / 1000);
    return [
      {
        name: `session/update to store + subscriber (${n.toLocaleString()} updates, incl. spawn)`,
        value: rate,
        unit: 'events/s',
        baseline: bareRate,
        ratio: rate / bareRate,
        target: '>= 0.5x bare SDK',
        ok: rate / bareRate >= 0.5,
      },
    ];
  } finally {
    await runner.dispose();
    permissions.dispose();
    config.dispose();
    bus.dispose();
    store.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
