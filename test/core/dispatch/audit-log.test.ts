import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuditMirror } from '../../../electron/core/dispatch/audit-mirror.js';
import { createHeartbeat } from '../../../electron/core/dispatch/heartbeat.js';
import { dispatchHarness, until } from './harness.js';
import { driveTo } from '../../helpers/drive-task.js';

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('audit.jsonl', () => {
  it('gets every store audit event as one line, in order, and is only ever appended to', async () => {
    const h = dispatchHarness();
    const file = join(h.inbox, 'audit.jsonl');
    h.drop('a.json', h.doc('dispatch-a'));
    h.drop('b.json', '{"broken": ');
    await until(() => h.waiting().length === 0, 3000);
    driveTo(h.transition, 'dispatch-a', 'queued', 'cancelled');
    const total = () => h.store.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
    await until(() => lines(file).length === total(), 3000, 'the mirror to catch up');
    const before = readFileSync(file, 'utf8');
    const parsed = lines(file).map((l) => JSON.parse(l));
    expect(parsed.map((l) => l.seq)).toEqual(parsed.map((_, i) => i + 1));
    expect(parsed.map((l) => l.kind)).toEqual(expect.arrayContaining(['task.created', 'dispatch.accepted', 'dispatch.rejected', 'task.state', 'completion.written']));
    expect(parsed.find((l) => l.kind === 'task.state')).toMatchObject({ task_id: 'dispatch-a', actor: 'switchboard', data: { from: 'queued', to: 'cancelled' } });

    h.drop('c.json', h.doc('dispatch-c'));
    await until(() => lines(file).length === total() && total() > parsed.length, 3000, 'more lines');
    expect(readFileSync(file, 'utf8').startsWith(before)).toBe(true);
  });

  it('follows rows any module appends, at the next turn of the event loop, with no poll', async () => {
    const h = dispatchHarness();
    const file = join(h.inbox, 'audit.jsonl');
    await until(() => h.waiting().length === 0, 3000);
    const seq = h.store.audit.append(Date.now(), 'test.direct', null, 'test', { n: 1 }); // no bus event with it
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(lines(file).map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ seq, kind: 'test.direct' }));
  });

  it('catches up after a crash, closing a line cut short without rewriting anything', async () => {
    const h = dispatchHarness({ noStart: true });
    const file = join(h.inbox, 'audit.jsonl');
    for (let i = 0; i < 3; i++) h.store.audit.append(Date.now(), 'test.event', null, 'test', { i });
    writeFileSync(file, `${JSON.stringify({ seq: 1, ts: 'x', kind: 'test.event', task_id: null, actor: 'test', data: { i: 0 } })}\n`);
    appendFileSync(file, '{"seq": 2, "ts": "x", "ki'); // the crash hit mid-line
    const before = readFileSync(file, 'utf8');
    const mirror = createAuditMirror(h.store.db, file);
    expect(mirror.sync()).toBe(2);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(before)).toBe(true);
    const complete = lines(file).flatMap((l) => {
      try {
        return [JSON.parse(l).seq];
      } catch {
        return [];
      }
    });
    expect(complete).toEqual([1, 2, 3]);
    expect(createAuditMirror(h.store.db, file).sync()).toBe(0);
  });
});

describe('heartbeat', () => {
  it('writes {ts, active, queued, pid, version} now and then every interval', async () => {
    const h = dispatchHarness({ options: { heartbeatMs: 50 } });
    const file = join(h.inbox, '.daemon-heartbeat');
    const first = JSON.parse(readFileSync(file, 'utf8'));
    expect(first).toEqual({ ts: expect.any(String), active: 0, queued: 0, pid: process.pid, version: '0.0.0-test' });
    h.drop('q.json', h.doc('dispatch-q'));
    await until(() => JSON.parse(readFileSync(file, 'utf8')).queued === 1, 3000, 'a heartbeat counting the queued task');
    driveTo(h.transition, 'dispatch-q', 'queued', 'preparing');
    await until(() => JSON.parse(readFileSync(file, 'utf8')).active === 1, 3000, 'a heartbeat counting the active task');
    expect(Date.parse(JSON.parse(readFileSync(file, 'utf8')).ts)).toBeGreaterThan(Date.parse(first.ts));
  });

  it('keeps going when one folder cannot be written', () => {
    const h = dispatchHarness({ noStart: true });
    const logs: string[] = [];
    const hb = createHeartbeat({ store: h.store, version: '1', dirs: () => ['/proc/not-writable', h.inbox], intervalMs: 1000, log: (m) => logs.push(m) });
    hb.beat();
    expect(JSON.parse(readFileSync(join(h.inbox, '.daemon-heartbeat'), 'utf8')).version).toBe('1');
    expect(logs[0]).toMatch(/cannot write the heartbeat in \/proc\/not-writable/);
  });
});
