import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RejectedDispatchFile } from '../../../shared/contract/dispatch.js';
import { dispatchHarness, until } from './harness.js';

// Issue 18, bug 10: a rejected dispatch file never appeared in the app. It is listed with its reason,
// announced on the bus, and once fixed on disk it goes back to the inbox and becomes a task.
describe('rejected dispatch files', () => {
  it('lists a rejected file with its reason, and retrying it after a fix turns it into a task', async () => {
    const h = dispatchHarness();
    const seen: RejectedDispatchFile[] = [];
    h.bus.on('dispatch.rejected', (f) => seen.push(f));
    h.drop('bad.json', h.doc('dispatch-bad', { ttl_seconds: 'soon' }));
    await until(() => h.ls('rejected').includes('bad.json'), 3000, 'bad.json in rejected/');

    const [file, ...rest] = h.service.rejected.list();
    expect(rest).toEqual([]);
    expect(file).toMatchObject({ dir: h.inbox, name: 'bad.json', path: join(h.inbox, 'rejected', 'bad.json'), dispatchId: 'dispatch-bad', reason: 'schema' });
    expect(file.errors.map((e) => e.field)).toContain('ttl_seconds');
    expect(seen).toEqual([file]);

    // The user fixes the file where it lies, then retries it.
    writeFileSync(file.path, JSON.stringify(h.doc('dispatch-bad', { ttl_seconds: 600 })));
    expect(h.service.rejected.retry(file.dir, file.name)).toEqual({ path: join(h.inbox, 'bad.json') });
    await until(() => h.store.tasks.get('dispatch-bad')?.state === 'queued', 3000, 'the retried file to become a task');
    expect(h.service.rejected.list()).toEqual([]);
    // Nothing was deleted: the old reason is kept under rejected/retried/.
    expect(JSON.parse(readFileSync(join(h.inbox, 'rejected', 'retried', 'bad.json.error.json'), 'utf8'))).toMatchObject({ reason: 'schema' });
    expect(h.audits('dispatch.retried').map((a) => a.task_id)).toEqual(['dispatch-bad']);
  });

  it('refuses a folder it does not watch, a path instead of a name, and a file already retried', async () => {
    const h = dispatchHarness();
    h.drop('x.json', '{"not": "a dispatch"}');
    await until(() => h.ls('rejected').includes('x.json'), 3000, 'x.json in rejected/');
    expect(() => h.service.rejected.retry(h.root, 'x.json')).toThrow(/not a watched dispatch folder/);
    expect(() => h.service.rejected.retry(h.inbox, '../config.json')).toThrow(/not a rejected file's name/);
    expect(() => h.service.rejected.retry(h.inbox, 'x.json.error.json')).toThrow(/not a rejected file's name/);
    h.service.rejected.retry(h.inbox, 'x.json');
    expect(() => h.service.rejected.retry(h.inbox, 'x.json')).toThrow(/retried already/);
    // Still invalid: it is rejected again, with a fresh reason, and listed once.
    await until(() => h.service.rejected.list().length === 1, 3000, 'the second rejection');
    expect(existsSync(join(h.inbox, 'x.json'))).toBe(false);
  });

  it('will not overwrite a file of the same name that waits in the inbox', async () => {
    const h = dispatchHarness();
    h.drop('dup.json', '{"id": 5}');
    await until(() => h.ls('rejected').includes('dup.json'), 3000, 'dup.json in rejected/');
    await h.stopService();
    writeFileSync(join(h.inbox, 'dup.json'), 'someone else’s file');
    const s = h.start();
    expect(() => s.rejected.retry(h.inbox, 'dup.json')).toThrow(/already exists in the inbox/);
    expect(readFileSync(join(h.inbox, 'rejected', 'dup.json'), 'utf8')).toBe('{"id": 5}');
  });
});
