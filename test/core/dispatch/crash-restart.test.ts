/**
 * Invariant 1 across kill -9: the built CLI's `serve` takes a burst, is killed in the middle, and a
 * second one finishes the job. Needs `npm run build` (npm test builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DispatchRejection } from '../../../shared/models/dispatch.js';
import { appRoot } from '../../../electron/core/version.js';
import { dispatchHarness, until } from './harness.js';
import { writeBurst } from './burst-files.js';

const cli = join(appRoot(), 'out/electron/cli/index.js');
const built = join(appRoot(), 'out/electron/core/dispatch/dispatch-service.js');

function serve(home: string): ChildProcess {
  const child = spawn(process.execPath, [cli, 'serve', '--home', home, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SWITCHBOARD_HOME: '' } });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal == null) console.error(`serve exited ${code}: ${err}`);
  });
  onTestFinished(() => void child.kill('SIGKILL'));
  return child;
}

const heartbeatOf = (inbox: string): { pid: number } | null => {
  try {
    return JSON.parse(readFileSync(join(inbox, '.daemon-heartbeat'), 'utf8'));
  } catch {
    return null;
  }
};
const count = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')).length : 0);
const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode != null || c.signalCode != null ? r() : c.once('exit', () => r())));

describe('kill -9 in the middle of a burst', () => {
  // Generous waits: three host start-ups and a 1,000-file burst on a loaded 2-core machine. They cap how
  // long to wait for a state; nothing here asserts speed.
  it('loses nothing and doubles nothing after restarts', { timeout: 300_000 }, async () => {
    expect(existsSync(built), `${built} is missing: run \`npm run build\` first`).toBe(true);
    // The harness only lays out a home with trustedRoots and a project; the hosts are separate processes.
    const h = dispatchHarness({ noStart: true });
    await h.dispose();

    const first = serve(h.root);
    await until(() => heartbeatOf(h.inbox)?.pid === first.pid, 60_000, 'the first host to start');
    const burst = writeBurst(h.inbox, { total: 1000, malformed: 50, duplicates: 100, projectDir: h.project, pieceDelayMs: 150, backdateAbandoned: true });
    await until(() => count(join(h.inbox, 'accepted')) >= 150, 60_000, 'the first host to take part of the burst');
    first.kill('SIGKILL');
    await exited(first);
    const takenByFirst = count(join(h.inbox, 'accepted'));

    // A second host is killed too, a little later in the same burst.
    const second = serve(h.root);
    await until(() => count(join(h.inbox, 'accepted')) >= takenByFirst + 150, 60_000, 'the second host to take more');
    second.kill('SIGKILL');
    await exited(second);
    const takenBySecond = count(join(h.inbox, 'accepted'));
    const plan = await burst;

    const third = serve(h.root);
    await until(() => heartbeatOf(h.inbox)?.pid === third.pid, 60_000, 'the third host to start');
    await until(() => readdirSync(h.inbox).filter((n) => n.endsWith('.json') && !n.startsWith('.')).length === 0, 120_000, 'the inbox to empty');
    third.kill('SIGTERM');
    await exited(third);

    expect(takenBySecond).toBeLessThan(plan.acceptedCount); // the kills really landed mid-burst
    const db = new Database(h.paths.db, { readonly: true });
    try {
      const ids = db.prepare('SELECT id FROM tasks ORDER BY id').pluck().all() as string[];
      expect(ids).toEqual([...plan.validIds].sort());
      const created = db.prepare("SELECT COUNT(*) FROM audit WHERE kind = 'task.created'").pluck().get();
      expect(created).toBe(plan.validIds.length);
    } finally {
      db.close();
    }
    expect(count(join(h.inbox, 'accepted'))).toBe(plan.acceptedCount);
    const rejected = readdirSync(join(h.inbox, 'rejected')).filter((n) => !n.endsWith('.error.json') && !n.startsWith('.'));
    expect(rejected.sort()).toEqual(Array.from({ length: plan.rejectedCount }, (_, m) => `bad${m}.json`).sort());
    for (const name of rejected) DispatchRejection.parse(JSON.parse(readFileSync(join(h.inbox, 'rejected', `${name}.error.json`), 'utf8')));
  });
});
