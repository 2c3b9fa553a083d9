// Security, checked on the real thing: the built headless host refuses a missing or wrong token, other
// origins and other Host names, and listens on 127.0.0.1 unless told otherwise; the Electron window is
// locked down (what the shell really does); agents never inherit Switchboard's secrets; reports, the
// audit trail, callbacks and the host's logs carry no token or secret; callbacks go to http(s) only,
// with a timeout and a bound on the answer, against real local servers that hang, drip and flood.
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALLBACK_OPTIONS } from '../../electron/core/dispatch/callback-sender.js';
import { examineDocument } from '../../electron/core/dispatch/examine-file.js';
import { postJson } from '../../electron/core/dispatch/http-post.js';
import { signDispatch } from '../../electron/core/dispatch/signature.js';
import { BUILTIN_AGENTS } from '../../electron/core/runners/builtin-agents.js';
import { FAKE_CLAUDE, gitProject, waitFor } from '../fixtures/fake-claude-kit.js';
import { raw } from '../host/raw-http.js';
import { tempDir } from '../helpers/temp.js';
import { startBuiltHost, type BuiltHost } from './support/built-host.js';
import { startCallbackServer } from './support/callback-server.js';
import { checklist } from './support/checklist.js';
import { externalIpv4, listenAddresses } from './support/listen-address.js';
import { checkWindow } from './support/window-checks.js';
import { wsOutcome } from './support/ws-probe.js';

const root = realpathSync(tempDir('sb-security-'));
const home = join(root, 'home');
const project = gitProject(join(root, 'projects', 'app'));
const dumps = { claude: join(root, 'env-claude.json'), acp: join(root, 'env-acp.json') };
const ENV_DUMP = join(import.meta.dirname, 'support/env-dump-agent.mjs');
const FAKE_ACP = join(import.meta.dirname, '../fixtures/fake-acp-agent.mjs');
const SECRET = 'dsec-7f3a9c1e5b42d0';
const API_KEY = `sk-ant-api03-${'Q7'.repeat(14)}`;
const GITHUB = `ghp_${'Z9y8'.repeat(9)}`;
const BEARER = 'brr-6e5d4c3b2a19';
const PARENT_ENV = {
  ...process.env,
  SWITCHBOARD_TOKEN: 'sbtok-parent-9d8e7f6a5b4c',
  SWITCHBOARD_DISPATCH_SECRET: SECRET,
  SWITCHBOARD_HOME: join(root, 'not-this-home'),
  MY_SERVICE_TOKEN: 'svc-token-1234567890',
  ANTHROPIC_API_KEY: API_KEY,
  CLAUDE_LEAKED_SECRET: SECRET, // a variable an agent may see (CLAUDE_*) holding Switchboard's secret: dropped by value
};
mkdirSync(home, { recursive: true });
writeFileSync(join(home, 'config.json'), JSON.stringify({
  trustedRoots: [join(root, 'projects')],
  dispatchSecret: SECRET,
  agents: {
    claude: { command: process.execPath, args: [ENV_DUMP, FAKE_CLAUDE, ...BUILTIN_AGENTS.claude.args], env: { ENV_DUMP_FILE: dumps.claude } },
    acpdump: { transport: 'acp', command: process.execPath, args: [ENV_DUMP, FAKE_ACP], env: { ENV_DUMP_FILE: dumps.acp } },
  },
}));

let host: BuiltHost;
beforeAll(async () => void (host = await startBuiltHost(home, { env: PARENT_ENV, userHome: join(root, 'user') })));
afterAll(async () => void (await host?.stop()));
const api = (method: string, headers: Record<string, string>, path = `/api/${method}`) =>
  raw(host.url, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: '{}' }).then((r) => r.status);

describe('security', () => {
  it('the headless host refuses a missing or wrong token, other origins and other Host names', async () => {
    const c = checklist('security: host access');
    const auth = { authorization: `Bearer ${host.token}` };
    const port = new URL(host.url).port;
    c.check('no token: 401', (await api('app.status', {})) === 401);
    c.check('a wrong token: 401', (await api('app.status', { authorization: 'Bearer wrong' })) === 401);
    c.check('the token plus a character: 401', (await api('app.status', { authorization: `Bearer ${host.token}x` })) === 401);
    c.check('the token cut short: 401', (await api('app.status', { authorization: `Bearer ${host.token.slice(0, -1)}` })) === 401);
    c.check('the token in the query (HTTP API): 401', (await api('app.status', {}, `/api/app.status?token=${host.token}`)) === 401);
    c.check('the right token: 200', (await api('app.status', auth)) === 200);
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1:1', `http://127.0.0.1.evil.example:${port}`]) {
      c.check(`Origin ${origin}: 403, even with the token`, (await api('app.status', { ...auth, origin })) === 403);
    }
    c.check('its own origin: 200', (await api('app.status', { ...auth, origin: `http://127.0.0.1:${port}` })) === 200);
    c.check('the desktop window (app://switchboard) with the token: 200', (await api('app.status', { ...auth, origin: 'app://switchboard' })) === 200);
    c.check('the desktop window without the token: 401', (await api('app.status', { origin: 'app://switchboard' })) === 401);
    for (const origin of ['app://evil', 'app://switchboard.evil.example']) c.check(`Origin ${origin}: 403, even with the token`, (await api('app.status', { ...auth, origin })) === 403);
    const preflight = (origin: string) => raw(host.url, { method: 'OPTIONS', path: '/api/app.status', headers: { origin, 'access-control-request-method': 'POST' } });
    const evilPreflight = await preflight('https://evil.example');
    c.check('a preflight from another origin: 403, no CORS header', evilPreflight.status === 403 && !evilPreflight.headers['access-control-allow-origin'], evilPreflight.status);
    const appPreflight = await preflight('app://switchboard');
    c.check('a preflight from the desktop window: allowed for that origin only', appPreflight.status === 204 && appPreflight.headers['access-control-allow-origin'] === 'app://switchboard', appPreflight.headers);
    for (const h of [`evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, 'localhost']) c.check(`Host ${h} (DNS rebinding): 403`, (await api('app.status', { ...auth, host: h })) === 403);
    c.check('events without a token: 401', (await wsOutcome(host.url)) === '401');
    c.check('events with a wrong token: 401', (await wsOutcome(host.url, { token: 'nope' })) === '401');
    c.check('events from another origin: 403', (await wsOutcome(host.url, { token: host.token, origin: 'https://evil.example' })) === '403');
    c.check('events with the token: open', (await wsOutcome(host.url, { token: host.token })) === 'open');
    c.check('events with the bearer subprotocol: open', (await wsOutcome(host.url, { protocol: `bearer.${host.token}` })) === 'open');
    c.check('server.json (it holds the token) is 0600', (statSync(join(home, 'server.json')).mode & 0o777) === 0o600);
    c.done();
  });

  it('listens on 127.0.0.1 only, unless told otherwise (and never with localOnly)', async () => {
    const c = checklist('security: binding');
    const port = Number(new URL(host.url).port);
    c.check('the kernel has it listening on 127.0.0.1 only', JSON.stringify(listenAddresses(port)) === '["127.0.0.1"]', listenAddresses(port));
    const outside = externalIpv4();
    for (const ip of outside) {
      const reached = await fetch(`http://${ip}:${port}/api/app.status`, { method: 'POST', signal: AbortSignal.timeout(3000) }).then(() => true, () => false);
      c.check(`unreachable on ${ip}`, !reached);
    }
    const other = join(root, 'home-any');
    mkdirSync(other, { recursive: true });
    const any = await startBuiltHost(other, { args: ['--host', '0.0.0.0'], userHome: join(root, 'user') });
    const anyPort = Number(new URL(any.url).port);
    c.check('--host 0.0.0.0 listens on every address', JSON.stringify(listenAddresses(anyPort)) === '["0.0.0.0"]', listenAddresses(anyPort));
    c.check('...and still wants the token', (await raw(any.url, { method: 'POST', path: '/api/app.status', body: '{}' })).status === 401);
    await any.stop();
    const refused = startBuiltHost(join(root, 'home-local'), { args: ['--host', '0.0.0.0', '--local-only'], timeoutMs: 10_000 });
    const why = await refused.then((h) => (void h.kill9(), 'it started'), (e: Error) => e.message);
    c.check('--local-only refuses --host 0.0.0.0', /exited \([12]\)/.test(why) && /127\.0\.0\.1/.test(why), why.slice(0, 300));
    c.done(outside.length ? undefined : 'no non-loopback address here to try from');
  });

  it('the Electron window is locked down: preferences, CSP, navigation, window.open, permissions, IPC senders', async () => {
    const c = checklist('security: electron window');
    await checkWindow(c.check);
    c.done();
  });

  it('agents never inherit Switchboard\'s secrets (PTY and ACP)', async () => {
    const c = checklist('security: agent environment');
    for (const agent of ['claude', 'acpdump']) expect((await host.call('tasks.create', { projectDir: project, prompt: 'say hello', agent })).status).toBe(200);
    // Wait until both dumps are whole: a file can exist a moment before its content is written.
    const whole = (f: string): boolean => {
      try {
        JSON.parse(readFileSync(f, 'utf8'));
        return true;
      } catch {
        return false;
      }
    };
    await waitFor(() => existsSync(dumps.claude) && existsSync(dumps.acp) && whole(dumps.claude) && whole(dumps.acp), 20_000, 'both agents to start');
    for (const [name, file] of Object.entries(dumps)) {
      const env = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const text = JSON.stringify(env);
      c.check(`${name}: no SWITCHBOARD_* variable but its dispatch id and run marker`, Object.keys(env).filter((k) => k.startsWith('SWITCHBOARD_')).sort().join() === 'SWITCHBOARD_DISPATCH_ID,SWITCHBOARD_RUN_MARKER', Object.keys(env).filter((k) => k.startsWith('SWITCHBOARD_')));
      for (const [what, value] of [['dispatchSecret', SECRET], ['the host token', host.token], ['SWITCHBOARD_TOKEN', PARENT_ENV.SWITCHBOARD_TOKEN], ['MY_SERVICE_TOKEN', PARENT_ENV.MY_SERVICE_TOKEN]]) {
        c.check(`${name}: never sees ${what}`, !text.includes(value));
      }
      c.check(`${name}: gets a clean basic environment (PATH, HOME)`, !!env.PATH && !!env.HOME);
    }
    const claudeEnv = JSON.parse(readFileSync(dumps.claude, 'utf8')) as Record<string, string>;
    c.check('claude gets its own credentials (passEnv ANTHROPIC_*)', claudeEnv.ANTHROPIC_API_KEY === API_KEY);
    c.check('another agent does not get them', !readFileSync(dumps.acp, 'utf8').includes(API_KEY));
    c.done();
  });

  it('reports, callbacks, the audit trail and the host\'s logs carry no token or secret', async () => {
    const c = checklist('security: redaction');
    const server = await startCallbackServer('flood');
    const cb = new URL(server.url);
    cb.username = 'cbuser';
    cb.password = 'cbpass-9f8e7d6c';
    cb.searchParams.set('token', 'cbtok-5a4b3c2d1e');
    const id = 'dispatch-leaky';
    const task = `say leak ${API_KEY} ${GITHUB} Bearer ${BEARER} ${SECRET}\nexit 3`;
    const unsigned = { id, dispatched_by: 'security', task, project: 'app', project_dir: project, callback_url: cb.toString() };
    const doc = { ...unsigned, source_signature: signDispatch(SECRET, unsigned) };
    writeFileSync(join(home, 'dispatch', '.leaky.tmp'), JSON.stringify(doc));
    renameSync(join(home, 'dispatch', '.leaky.tmp'), join(home, 'dispatch', 'leaky.json'));
    const reportFile = join(home, 'dispatch', 'completed', `${id}.json`);
    await waitFor(() => existsSync(reportFile) && server.received.length > 0, 30_000, 'the report and its callback');
    const db = new Database(join(home, 'switchboard.db'), { readonly: true });
    const attempt = () => db.prepare("SELECT data FROM audit WHERE kind = 'callback.attempt'").pluck().get() as string | undefined;
    await waitFor(() => attempt(), 15_000, 'the callback attempt to be audited');
    await new Promise((r) => setTimeout(r, 1200)); // audit.jsonl catches up
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { error: string; status: string };
    const audit = (db.prepare('SELECT data FROM audit').pluck().all() as string[]).join('\n');
    const delivery = JSON.parse(attempt()!) as { outcome: string };
    db.close();
    const secrets = { dispatchSecret: SECRET, 'an API key': API_KEY, 'a GitHub token': GITHUB, 'a bearer token': BEARER, 'the callback password': 'cbpass-9f8e7d6c', 'the callback token': 'cbtok-5a4b3c2d1e', 'the host token': host.token };
    c.check('the report says what failed, redacted', report.status === 'failed' && report.error.includes('[redacted]'), report.error);
    for (const [what, value] of Object.entries(secrets)) {
      c.check(`the completion report has no ${what}`, !readFileSync(reportFile, 'utf8').includes(value));
      c.check(`the callback body has no ${what}`, !server.received[0].body.includes(value));
      c.check(`the audit trail has no ${what}`, !audit.includes(value));
      c.check(`audit.jsonl has no ${what}`, !readFileSync(join(home, 'dispatch', 'audit.jsonl'), 'utf8').includes(value));
      c.check(`the host's error log has no ${what}`, !host.stderr().includes(value));
    }
    c.check('the host prints its token only in the URL to open', host.stdout().split(host.token).length === 2 && host.stdout().includes(`#token=${host.token}`));
    c.check('a flooding callback answer is cut off early', server.sent[0] < 16 * 1024 * 1024, server.sent[0]);
    c.check('...and the delivery is recorded', delivery.outcome === 'delivered', delivery);
    await server.close();
    c.done();
  });

  it('callbacks go to http(s) only, give up on a hanging or dripping server, and read a bounded answer', async () => {
    const c = checklist('security: callbacks');
    const post = (url: string, o: { timeoutMs?: number; maxResponseBytes?: number } = {}) =>
      postJson(url, '{"x":1}', { headers: {}, timeoutMs: o.timeoutMs ?? 2000, maxResponseBytes: o.maxResponseBytes ?? 64 * 1024 });
    for (const url of ['file:///etc/passwd', 'ftp://127.0.0.1/x', 'javascript:alert(1)', 'gopher://127.0.0.1:70/']) {
      c.check(`${url} is not posted to`, /only http and https|not a valid URL/.test((await post(url)).error ?? ''));
      const ex = examineDocument({ id: 'dispatch-cb', dispatched_by: 't', task: 't', project: 'p', project_dir: project, callback_url: url }, { trust: { problem: () => null, checkProjectDir: () => {} } });
      c.check(`a dispatch with callback_url ${url} is rejected naming callback_url`, ex.kind === 'rejected' && ex.rejection.errors.some((e) => e.field === 'callback_url'));
    }
    const timed = async (mood: 'hang' | 'drip' | 'flood' | 'redirect', o: { timeoutMs?: number; maxResponseBytes?: number }) => {
      const server = await startCallbackServer(mood);
      const t0 = Date.now();
      const r = await post(server.url, o);
      const out = { r, ms: Date.now() - t0, sent: server.sent[0] ?? 0, requests: server.received.length };
      await server.close();
      return out;
    };
    const hang = await timed('hang', { timeoutMs: 300 });
    c.check('a hanging server: given up after the timeout', /no complete answer within 300 ms/.test(hang.r.error ?? '') && hang.ms < 1500, hang);
    const drip = await timed('drip', { timeoutMs: 600 });
    c.check('a dripping server: the timeout is for the whole answer', drip.r.error != null && drip.ms < 2000, { error: drip.r.error, ms: drip.ms });
    const flood = await timed('flood', { maxResponseBytes: 64 * 1024 });
    c.check('a flooding server: at most the limit is read, then the connection is closed', flood.r.status === 200 && flood.r.bodyStart.length <= 512 && flood.sent < 16 * 1024 * 1024 && flood.ms < 3000, { ms: flood.ms, sent: flood.sent });
    const redirect = await timed('redirect', {});
    c.check('a redirect is not followed', /redirects are not followed/.test(redirect.r.error ?? '') && redirect.requests === 1, redirect.r);
    c.check('the default timeout is bounded (≤ 30 s)', DEFAULT_CALLBACK_OPTIONS.timeoutMs > 0 && DEFAULT_CALLBACK_OPTIONS.timeoutMs <= 30_000);
    c.check('the default answer limit is bounded (≤ 1 MiB)', DEFAULT_CALLBACK_OPTIONS.maxResponseBytes > 0 && DEFAULT_CALLBACK_OPTIONS.maxResponseBytes <= 1024 * 1024);
    c.done();
  });
});
