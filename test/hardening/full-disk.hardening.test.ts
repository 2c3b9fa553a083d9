// A full disk under the home. The built host's home is a small tmpfs, and its completed/ folder a
// second, tinier one (so reports can fail while the store still commits). Both are filled to the last
// byte while an agent streams output and dispatch files arrive. Intake, output storage and report
// writing must fail with a clear error and no crash, the store must stay intact with nothing lost, and
// once the space is back the app must catch up on its own: the files dropped meanwhile are taken and
// the reports written, without a restart. Where tmpfs cannot be mounted the suite records that.
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditMirror } from '../../electron/core/dispatch/audit-mirror.js';
import { createStore } from '../../electron/core/store/index.js';
import { FAKE_CLAUDE, gitProject, livePids, waitFor } from '../fixtures/fake-claude-kit.js';
import { tempDir } from '../helpers/temp.js';
import { record } from './ledger.js';
import { startBuiltHost, type BuiltHost } from './support/built-host.js';
import { census, waiting } from './support/inbox-census.js';
import { injectedFullDisk } from './support/injected-full-disk.js';
import { fill, freeBytes, mountTmpfs, unfill, unmount } from './support/small-disk.js';

const root = realpathSync(tempDir('sb-full-disk-'));
const home = join(root, 'home');
const completed = join(home, 'dispatch', 'completed');
const inbox = join(root, 'inbox'); // a watched folder on the roomy disk, so files can arrive while the home is full
const pidDir = join(root, 'pids');
const project = gitProject(join(root, 'projects', 'app'));
for (const d of [home, inbox, join(root, 'user')]) mkdirSync(d, { recursive: true });
const mountError = mountTmpfs(home, 6 * 1024) ?? (mkdirSync(completed, { recursive: true }), mountTmpfs(completed, 64));
const mounted = [home, completed].filter(() => !mountError);
let host: BuiltHost | null = null;
afterAll(async () => {
  if (host && host.child.exitCode === null) await host.kill9();
  for (const dir of mounted.reverse()) unmount(dir);
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const CLEAR = /disk is full|no space left|ENOSPC|SQLITE_FULL/i;
const readDb = <T>(fn: (db: Database.Database) => T): T => {
  const db = new Database(join(home, 'switchboard.db'), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
};
const drop = (name: string, id: string) => {
  writeFileSync(join(inbox, `.${name}.tmp`), JSON.stringify({ id, dispatched_by: 'full-disk', task: 'say hello', project: 'app', project_dir: project }));
  renameSync(join(inbox, `.${name}.tmp`), join(inbox, name));
};
/** audit.jsonl: broken lines, lines out of order, and events of the store missing at its end. */
function auditFileProblems(file: string, lastSeq: number): { broken: number; disordered: number; missing: number } {
  const seqs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => {
    try {
      return (JSON.parse(l) as { seq: number }).seq;
    } catch {
      return NaN;
    }
  });
  return {
    broken: seqs.filter((s) => !Number.isInteger(s)).length,
    disordered: seqs.filter((s, i) => i > 0 && !(s > seqs[i - 1])).length,
    missing: Math.max(0, lastSeq - (seqs.filter(Number.isInteger).at(-1) ?? 0)),
  };
}

describe.skipIf(!!mountError)('a full disk under the home (tmpfs)', () => {
  it('fails with clear errors, corrupts nothing, loses nothing, and recovers when space is back', async () => {
    writeFileSync(join(home, 'config.json'), JSON.stringify({
      trustedRoots: [join(root, 'projects')],
      dispatchDirs: [inbox],
      agents: { claude: { command: FAKE_CLAUDE, env: { FAKE_CLAUDE_PIDDIR: pidDir } } },
    }));
    host = await startBuiltHost(home, { userHome: join(root, 'user') });
    const h = host;
    const problems: string[] = [];

    // An agent that streams 2 MB of output, and ends, while the disk is full.
    const created = await h.call<{ id: string }>('tasks.create', { projectDir: project, prompt: 'say starting\nsleep 1500\nflood 2\nsay done' });
    expect(created.status).toBe(200);
    const streamer = created.body.id;
    await waitFor(() => livePids(pidDir).length > 0, 15_000, 'the agent to start');
    const filled = fill(home) + fill(completed);
    expect(freeBytes(home) + freeBytes(completed)).toBe(0);

    const whileFull = ['full-1.json', 'full-2.json', 'full-3.json'];
    whileFull.forEach((name, i) => drop(name, `dispatch-full-${i}`));
    const create = await h.call<{ error?: { message: string } }>('tasks.create', { projectDir: project, prompt: 'say while full' });
    if (create.status !== 200 && !CLEAR.test(create.body.error?.message ?? '')) problems.push(`tasks.create while full answered ${create.status}: ${JSON.stringify(create.body)}`);
    await waitFor(() => livePids(pidDir).length === 0, 20_000, 'the agent to end').catch((e: Error) => problems.push(e.message));
    await sleep(1500); // capture and intake retries against a full disk
    const status = await h.call('app.status').catch((e: Error) => ({ status: 0, body: e.message }));
    if (status.status !== 200) problems.push(`app.status while full: ${JSON.stringify(status)}`);

    // The home has space again, completed/ not yet: tasks end, their reports cannot be written.
    unfill(home);
    if (!(await waitFor(() => waiting(inbox).length === 0, 45_000, 'intake').then(() => true, () => false))) problems.push(`files dropped while full still wait: ${waiting(inbox).join(', ')}`);
    const streamerState = () => readDb((db) => db.prepare('SELECT state FROM tasks WHERE id = ?').pluck().get(streamer) as string);
    await waitFor(() => ['failed', 'no_changes'].includes(streamerState()), 45_000, 'the streamer to end').catch(() => problems.push(`${streamer} is still ${streamerState()}`));
    await waitFor(() => /completion report/.test(h.stderr()), 10_000, 'a report to fail').catch(() => {});

    // completed/ has space again: the missing report is written without a restart.
    unfill(completed);
    const report = join(completed, `${streamer}.json`);
    await waitFor(() => { try { return JSON.parse(readFileSync(report, 'utf8')).status === streamerState(); } catch { return false; } }, 45_000, 'the report')
      .catch(() => problems.push(`no completion report for ${streamer} (${streamerState()}) once space was back`));
    await sleep(1200); // the audit mirror's next sync
    if (h.child.exitCode !== null || h.child.signalCode !== null) problems.push(`the host died: ${h.stderr().slice(-1500)}`);

    const said = h.stderr();
    for (const [what, re] of [['intake', /dispatch.*(disk is full|ENOSPC)/i], ['output storage', /output could not be stored \(.*(disk is full|ENOSPC)/i], ['report writing', /completion report .*(no space left|ENOSPC)/i]] as const) {
      if (!re.test(said)) problems.push(`${what} said nothing clear about the full disk`);
    }
    const integrity = readDb((db) => db.pragma('integrity_check', { simple: true }));
    const seen = census(inbox, whileFull);
    const tasks = readDb((db) => new Set(db.prepare('SELECT id FROM tasks').pluck().all() as string[]));
    const lostTasks = whileFull.map((_, i) => `dispatch-full-${i}`).filter((id) => !tasks.has(id));
    const audit = auditFileProblems(join(home, 'dispatch', 'audit.jsonl'), readDb((db) => db.prepare('SELECT MAX(seq) FROM audit').pluck().get() as number));
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    if (audit.broken || audit.disordered || audit.missing) problems.push(`audit.jsonl: ${JSON.stringify(audit)}`);
    for (const name of whileFull) if (seen.places.get(name)?.join() !== 'accepted') problems.push(`${name} is in ${seen.places.get(name)?.join() || 'no folder'}`);
    const stopped = await h.stop();
    if (stopped.code !== 0) problems.push(`the host did not stop cleanly: ${JSON.stringify(stopped)}; ${h.stderr().slice(-1000)}`);

    const lost = seen.missing.length + seen.doubled.length + lostTasks.length + (integrity === 'ok' ? 0 : 1) + audit.broken + audit.missing;
    const errors = said.split('\n').filter((l) => CLEAR.test(l) && !/^\s+at /.test(l));
    record({ suite: 'full disk (tmpfs home)', tried: 1, passed: problems.length ? 0 : 1, lost, note: `filled ${Math.round(filled / 1024)} KiB; ${errors.length} clear errors logged, no crash` });
    expect(problems).toEqual([]);
    expect(lost).toBe(0);
  });

  it('never leaves half a line in audit.jsonl when an append hits the full disk', () => {
    const store = createStore(join(root, 'audit.db'));
    const file = join(completed, 'audit.jsonl');
    const mirror = createAuditMirror(store.db, file);
    for (let i = 0; i < 50; i++) store.audit.append(Date.now(), 'test.event', null, 'test', { i, pad: 'x'.repeat(100) });
    mirror.sync();
    fill(completed); // a few hundred bytes free at most: the next batch is cut short
    for (let i = 0; i < 100; i++) store.audit.append(Date.now(), 'test.event', null, 'test', { i, pad: 'y'.repeat(100) });
    const refused = (() => { try { mirror.sync(); return false; } catch (err) { return CLEAR.test((err as Error).message); } })();
    unfill(completed);
    mirror.sync();
    const lastSeq = store.db.prepare('SELECT MAX(seq) FROM audit').pluck().get() as number;
    store.dispose();
    const audit = auditFileProblems(file, lastSeq);
    record({ suite: 'full disk: audit.jsonl append', tried: 1, passed: refused && !audit.broken && !audit.disordered && !audit.missing ? 1 : 0, lost: audit.broken + audit.missing });
    expect(refused).toBe(true);
    expect(audit).toEqual({ broken: 0, disordered: 0, missing: 0 });
  });
});

// Where no tmpfs can be mounted (or HARDENING_INJECT_ENOSPC is set): ENOSPC and SQLITE_FULL injected in-process.
describe.runIf(!!mountError || !!process.env.HARDENING_INJECT_ENOSPC)('a full disk, injected (no tmpfs)', () => {
  it('fails with clear errors, corrupts nothing, loses nothing, and recovers', async () => {
    const { problems, lost } = await injectedFullDisk(tempDir('sb-enospc-'));
    const why = mountError ? `tmpfs mount failed (${mountError})` : 'forced';
    record({ suite: 'full disk (injected ENOSPC)', tried: 1, passed: problems.length ? 0 : 1, lost, note: `${why}: store capped and ENOSPC injected instead` });
    expect(problems).toEqual([]);
    expect(lost).toBe(0);
  });
});
