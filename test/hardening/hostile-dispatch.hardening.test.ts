// Hostile dispatch files dropped into the inbox of the real (built) host: path traversal and symlinks
// in project_dir, ids with "../", files of exactly 1 MiB and more, 100k levels of nesting, foreign
// bytes, a FIFO and a device node, then a flood. Each file is accepted correctly or rejected beside its
// reason file, nothing is deleted, and app.status keeps answering quickly throughout.
import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, renameSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../fixtures/fake-claude-kit.js';
import { tempDir } from '../helpers/temp.js';
import { record, scale } from './ledger.js';
import { startBuiltHost, type BuiltHost } from './support/built-host.js';
import { census, waiting } from './support/inbox-census.js';
import { startProbe } from './support/probe.js';

/** A generous bound: app.status must never take longer than this, however hard the inbox is hit. */
const RESPONSIVE_MS = 2000;

const root = realpathSync(tempDir('sb-hostile-'));
const home = join(root, 'home');
const userHome = join(root, 'user');
const projects = join(root, 'projects');
const app = join(projects, 'app');
const outside = join(root, 'outside');
const inbox = join(home, 'dispatch');
for (const d of [home, userHome, app, outside, inbox]) mkdirSync(d, { recursive: true });
// Tasks taken here fail at once (no such agent): the suite is about intake, not runs.
writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [projects], agents: { claude: { command: join(root, 'no-such-claude') } } }));

let host: BuiltHost;
beforeAll(async () => void (host = await startBuiltHost(home, { userHome })));
afterAll(async () => void (await host?.stop()));

const doc = (id: string, extra: Record<string, unknown> = {}) => ({ id, dispatched_by: 'hostile', task: `task of ${id}`, project: 'app', project_dir: app, ...extra });
const nest = (n: number, open: string, close: string, inner = '') => `${open.repeat(n)}${inner}${close.repeat(n)}`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const taskIds = (): Set<string> => {
  const db = new Database(join(home, 'switchboard.db'), { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare('SELECT id FROM tasks').pluck().all() as string[]);
  } finally {
    db.close();
  }
};

/** Puts bytes into the inbox the way writers do (temp name, then rename); `stale` dates them a minute back. */
function drop(name: string, bytes: string | Buffer, stale = false): void {
  const tmp = join(inbox, `.${name}.tmp`);
  writeFileSync(tmp, bytes);
  if (stale) {
    const past = new Date(Date.now() - 60_000); // its writer is long gone: unparseable means rejected now
    utimesSync(tmp, past, past);
  }
  renameSync(tmp, join(inbox, name));
}

interface Case {
  name: string;
  /** 'accepted' with the task id, or the rejection reason (and the field its reason file must name). */
  expect: { accepted: string } | { reason: string; field?: string };
  make(): void;
}

function hostileCases(): { cases: Case[]; notes: string[] } {
  const notes: string[] = [];
  symlinkSync(outside, join(app, 'link-out'));
  symlinkSync('/', join(projects, 'link-root'));
  symlinkSync(join(projects, 'loop'), join(projects, 'loop'));
  const padded = (id: string, size: number) => {
    const text = JSON.stringify(doc(id));
    return text + ' '.repeat(size - Buffer.byteLength(text));
  };
  const cases: Case[] = [
    { name: 'traversal.json', expect: { reason: 'project_dir_untrusted', field: 'project_dir' }, make: () => drop('traversal.json', JSON.stringify(doc('dispatch-h-trav', { project_dir: `${app}/../../outside` }))) },
    { name: 'traversal-etc.json', expect: { reason: 'project_dir_untrusted', field: 'project_dir' }, make: () => drop('traversal-etc.json', JSON.stringify(doc('dispatch-h-etc', { project_dir: `${app}/${'../'.repeat(30)}etc` }))) },
    { name: 'symlink-out.json', expect: { reason: 'project_dir_untrusted', field: 'project_dir' }, make: () => drop('symlink-out.json', JSON.stringify(doc('dispatch-h-link', { project_dir: join(app, 'link-out') }))) },
    { name: 'symlink-root.json', expect: { reason: 'project_dir_untrusted', field: 'project_dir' }, make: () => drop('symlink-root.json', JSON.stringify(doc('dispatch-h-root', { project_dir: join(projects, 'link-root') }))) },
    { name: 'symlink-loop.json', expect: { reason: 'project_dir_missing', field: 'project_dir' }, make: () => drop('symlink-loop.json', JSON.stringify(doc('dispatch-h-loop', { project_dir: join(projects, 'loop') }))) },
    { name: 'id-traversal.json', expect: { reason: 'schema', field: 'id' }, make: () => drop('id-traversal.json', JSON.stringify(doc('dispatch-../../../../etc/passwd'))) },
    { name: 'id-encoded.json', expect: { reason: 'schema', field: 'id' }, make: () => drop('id-encoded.json', JSON.stringify(doc('dispatch-%2e%2e%2fx'))) },
    { name: 'id-dots.json', expect: { accepted: 'dispatch-..' }, make: () => drop('id-dots.json', JSON.stringify(doc('dispatch-..'))) },
    { name: 'exactly-1mib.json', expect: { accepted: 'dispatch-h-1mib' }, make: () => drop('exactly-1mib.json', padded('dispatch-h-1mib', 1024 * 1024)) },
    { name: 'over-1mib.json', expect: { reason: 'too_large', field: '(file)' }, make: () => drop('over-1mib.json', padded('dispatch-h-over', 1024 * 1024 + 1)) },
    { name: 'huge.json', expect: { reason: 'too_large', field: '(file)' }, make: () => drop('huge.json', padded('dispatch-h-huge', 24 * 1024 * 1024)) },
    { name: 'deep-array.json', expect: { reason: 'schema', field: '(whole file)' }, make: () => drop('deep-array.json', nest(100_000, '[', ']')) },
    { name: 'deep-object.json', expect: { reason: 'schema', field: 'a' }, make: () => drop('deep-object.json', nest(100_000, '{"a":', '}', '1')) },
    { name: 'deep-field.json', expect: { reason: 'schema', field: 'extra' }, make: () => drop('deep-field.json', JSON.stringify(doc('dispatch-h-deep')).replace(/}$/, `,"extra":${nest(100_000, '[', ']')}}`)) },
    { name: 'latin1.json', expect: { reason: 'invalid_json', field: '(whole file)' }, make: () => drop('latin1.json', Buffer.from(JSON.stringify(doc('dispatch-h-latin1', { task: 'café crème' })), 'latin1'), true) },
    { name: 'utf16.json', expect: { reason: 'invalid_json', field: '(whole file)' }, make: () => drop('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(doc('dispatch-h-utf16')), 'utf16le')]), true) },
    { name: 'binary.json', expect: { reason: 'invalid_json', field: '(whole file)' }, make: () => drop('binary.json', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), true) },
    { name: 'lone-surrogate.json', expect: { accepted: 'dispatch-h-surrogate' }, make: () => drop('lone-surrogate.json', JSON.stringify(doc('dispatch-h-surrogate', { task: 'half \\ud800 a pair' })).replace('\\\\ud800', '\\ud800')) },
    { name: 'fifo.json', expect: { reason: 'not_regular_file', field: '(file)' }, make: () => execFileSync('mkfifo', [join(inbox, 'fifo.json')]) },
    { name: 'symlink-file.json', expect: { reason: 'not_regular_file', field: '(file)' }, make: () => symlinkSync('/etc/passwd', join(inbox, 'symlink-file.json')) },
    { name: 'dir.json', expect: { reason: 'not_regular_file', field: '(file)' }, make: () => mkdirSync(join(inbox, 'dir.json')) },
  ];
  try {
    execFileSync('mknod', [join(inbox, 'device.json'), 'c', '1', '3'], { stdio: 'ignore' });
    cases.push({ name: 'device.json', expect: { reason: 'not_regular_file', field: '(file)' }, make: () => {} });
  } catch (err) {
    notes.push(`no device node (mknod failed: ${(err as Error).message.split('\n')[0]})`);
  }
  return { cases, notes };
}

describe('hostile dispatch files against the built host', () => {
  it('accepts or rejects each with its reason, deletes nothing, and keeps answering', async () => {
    const probe = startProbe(host);
    const { cases, notes } = hostileCases();
    for (const c of cases) c.make();
    await waitFor(() => waiting(inbox).length === 0, 30_000, 'the inbox to empty').catch((err: Error) => {
      throw new Error(`${err.message}; left: ${waiting(inbox).join(', ')}; host said: ${host.stderr().slice(-2000)}`);
    });
    await sleep(1000); // app.status while the scheduler works through what was taken
    const timing = await probe.stop();

    const seen = census(inbox, cases.map((c) => c.name));
    const tasks = taskIds();
    const failures: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const places = seen.places.get(c.name);
      let problem: string | null = null;
      if ('accepted' in c.expect) {
        if (places?.join() !== 'accepted') problem = `is in ${places?.join() || 'no folder'}, expected accepted/ (${JSON.stringify(seen.reason(c.name))})`;
        else if (!tasks.has(c.expect.accepted)) problem = `was accepted but task ${c.expect.accepted} does not exist`;
      } else {
        const reason = seen.reason(c.name);
        if (places?.join() !== 'rejected') problem = `is in ${places?.join() || 'no folder'}, expected rejected/`;
        else if (!reason) problem = 'has no reason file';
        else if (reason.reason !== c.expect.reason) problem = `was rejected as ${reason.reason} (${reason.message}), expected ${c.expect.reason}`;
        else if (c.expect.field && !reason.errors.some((e) => 'field' in c.expect && e.field === c.expect.field)) problem = `reason names ${reason.errors.map((e) => e.field).join(', ')}, not ${c.expect.field}`;
      }
      if (problem) failures.push(`${c.name} ${problem}`);
      else passed++;
    }
    // Nothing escaped the inbox: the odd id's report stays inside completed/.
    const dotsReport = join(inbox, 'completed', 'dispatch-...json');
    await waitFor(() => { try { return JSON.parse(readFileSync(dotsReport, 'utf8')).dispatch_id === 'dispatch-..'; } catch { return false; } }, 10_000, 'the report of dispatch-..');
    const lost = seen.missing.length + seen.doubled.length;
    const slow = timing.maxMs > RESPONSIVE_MS || timing.failures.length > 0;
    record({
      suite: 'hostile dispatch files',
      tried: cases.length + 1,
      passed: passed + (slow ? 0 : 1),
      lost,
      note: [`app.status max ${timing.maxMs} ms over ${timing.count} calls`, ...notes].join('; '),
    });
    expect(failures).toEqual([]);
    expect(lost).toBe(0);
    expect(timing.failures).toEqual([]);
    expect(timing.maxMs).toBeLessThan(RESPONSIVE_MS);
  });

  it(`takes a flood of ${scale(1000, 10_000)} files, each once, while app.status keeps answering`, async () => {
    const count = scale(1000, 10_000);
    const before = taskIds();
    const probe = startProbe(host);
    await sleep(200); // a few calls at rest first
    const plan = await new Promise<{ valid: string[]; invalid: string[] }>((resolve, reject) =>
      execFile(process.execPath, [join(import.meta.dirname, 'support/write-flood.mjs'), inbox, String(count), app, 'flood'], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout) =>
        err ? reject(err) : resolve(JSON.parse(stdout)),
      ),
    );
    await waitFor(() => waiting(inbox).length === 0, scale(60_000, 300_000), 'the flood to be taken');
    await sleep(500); // and while the scheduler works through the tasks
    const timing = await probe.stop();

    const names = [...plan.valid, ...plan.invalid];
    const seen = census(inbox, names);
    const tasks = taskIds();
    const newTasks = [...tasks].filter((id) => !before.has(id));
    const misplaced = [
      ...plan.valid.filter((n) => seen.places.get(n)!.join() !== 'accepted'),
      ...plan.invalid.filter((n) => seen.places.get(n)!.join() !== 'rejected' || seen.reason(n)?.errors[0]?.field !== 'task'),
    ];
    const withoutTask = plan.valid.filter((n) => !tasks.has(`dispatch-${n.replace(/\.json$/, '')}`));
    const lost = seen.missing.length + seen.doubled.length + withoutTask.length + Math.max(0, newTasks.length - plan.valid.length);
    const ok = misplaced.length === 0 && lost === 0 && timing.maxMs < RESPONSIVE_MS && timing.failures.length === 0;
    record({
      suite: 'dispatch flood',
      tried: names.length,
      passed: ok ? names.length : names.length - Math.max(1, misplaced.length + lost),
      lost,
      note: `${names.length} files; app.status max ${timing.maxMs} ms, median ${timing.medianMs} ms over ${timing.count} calls`,
    });
    expect(misplaced.slice(0, 5)).toEqual([]);
    expect(lost).toBe(0);
    expect(newTasks).toHaveLength(plan.valid.length);
    expect(timing.failures.slice(0, 3)).toEqual([]);
    expect(timing.maxMs).toBeLessThan(RESPONSIVE_MS);
  });
});
