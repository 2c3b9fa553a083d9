import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CompletionReport } from '../../../shared/models/completion.js';
import { DispatchRejection } from '../../../shared/models/dispatch.js';
import { hmacHex, signDispatch } from '../../../electron/core/dispatch/signature.js';
import { dispatchToTaskRequest, dispatchHash } from '../../../electron/core/dispatch/dispatch-request.js';
import { Dispatch } from '../../../shared/models/dispatch.js';
import { dispatchHarness, scratchDir, until } from './harness.js';

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('dispatch intake', () => {
  it('turns a dropped file into one queued task and moves the file to accepted/', async () => {
    const h = dispatchHarness();
    h.drop('a.json', h.doc('dispatch-a', { constraints: ['no new deps'], learnings: ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'], extra_field: { x: 1 } }));
    await until(() => h.ls('accepted').includes('a.json'), 3000, 'a.json in accepted/');
    const task = h.store.tasks.get('dispatch-a')!;
    expect(task).toMatchObject({ state: 'queued', source: 'dispatch', dispatchedBy: 'test', agent: 'claude', ttlSeconds: 3600, projectDir: h.project });
    expect(task.prompt).toMatch(/^do dispatch-a\n\n<constraints>\n[^]*- no new deps\n<\/constraints>\n\n<learnings>\n[^]*- l5\n<\/learnings>$/);
    expect(task.prompt).not.toContain('l6');
    expect(task.meta).toMatchObject({ project: 'app', extra: { extra_field: { x: 1 } }, dispatch: { dir: h.inbox, file: 'a.json' } });
    expect(h.waiting()).toEqual([]);
    expect(h.audits('dispatch.accepted').map((a) => a.task_id)).toEqual(['dispatch-a']);
  });

  it('takes files already in the inbox at start-up', async () => {
    const h = dispatchHarness({ noStart: true });
    h.drop('early.json', h.doc('dispatch-early'));
    h.start();
    await h.service.idle();
    expect(h.store.tasks.get('dispatch-early')?.state).toBe('queued');
    expect(h.ls('accepted')).toEqual(['early.json']);
  });

  it('accepts a gstack file written by hand (no schema_version, no target_agent)', async () => {
    const h = dispatchHarness({ config: { defaultAgent: 'codex' } });
    const text = `{
  "id": "dispatch-20260301-gstack.1",
  "dispatched_by": "gstack/ship",
  "task": "Fix the flaky login test in tests/auth.spec.ts",
  "project": "app",
  "project_dir": "${h.project}",
  "ttl_seconds": 1800,
  "constraints": ["do not touch CI config"],
  "learnings": [{"text": "the test depends on a fake clock"}],
  "clawvisor_task_id": "cv-42",
  "gstack_session": "abc"
}`;
    h.drop('gstack.json', text);
    await until(() => h.ls('accepted').length === 1, 3000, 'accepted');
    const t = h.store.tasks.get('dispatch-20260301-gstack.1')!;
    expect(t).toMatchObject({ agent: 'codex', ttlSeconds: 1800, state: 'queued' });
    expect(t.prompt).toContain('- the test depends on a fake clock');
    expect(t.meta).toMatchObject({ clawvisor_task_id: 'cv-42', extra: { gstack_session: 'abc' } });
  });

  it('retries a half-written file until it parses, never rejecting it on the first failed parse', async () => {
    const h = dispatchHarness({ options: { staleMs: 2000 } });
    const text = JSON.stringify(h.doc('dispatch-slow'));
    const path = join(h.inbox, 'slow.json');
    writeFileSync(path, text.slice(0, 10));
    for (let i = 10; i < text.length; i += 15) {
      await new Promise((r) => setTimeout(r, 40));
      writeFileSync(path, text.slice(0, i));
      expect(h.ls('rejected')).toEqual([]);
    }
    writeFileSync(path, text);
    await until(() => h.ls('accepted').includes('slow.json'), 3000, 'slow.json accepted');
    expect(h.ls('rejected')).toEqual([]);
    expect(h.taskCount()).toBe(1);
  });

  it('makes one task of a duplicated dispatch and keeps both files in accepted/', async () => {
    const h = dispatchHarness();
    const doc = h.doc('dispatch-dup');
    h.drop('one.json', doc);
    h.drop('two.json', Object.fromEntries(Object.entries(doc).reverse())); // same content, other name and key order
    await until(() => h.waiting().length === 0, 3000, 'the first two');
    h.drop('one.json', doc); // the same name again after the first was moved
    await until(() => h.waiting().length === 0 && h.ls('accepted').length === 3, 3000, 'three accepted files');
    expect(h.taskCount()).toBe(1);
    expect(h.ls('accepted')).toEqual(['one.json', 'one.json.1', 'two.json']);
    expect(h.audits('dispatch.duplicate')).toHaveLength(1);
    // The same file name and content again looks exactly like a crash before the move: audited as recovered.
    expect(h.audits('dispatch.recovered')).toHaveLength(1);
  });

  it('recovers from a crash between storing the task and moving the file', async () => {
    const h = dispatchHarness({ noStart: true });
    const doc = Dispatch.parse(h.doc('dispatch-crash'));
    // The state a crash leaves: the task is stored, the file is still in the inbox.
    h.submit(dispatchToTaskRequest(doc, { source: 'dispatch', origin: { dir: h.inbox, file: 'crash.json' }, hash: dispatchHash(doc) }));
    h.drop('crash.json', h.doc('dispatch-crash'));
    // And one whose id exists with other content.
    h.drop('reused.json', h.doc('dispatch-crash', { task: 'something else' }));
    h.start();
    await h.service.idle();
    expect(h.taskCount()).toBe(1);
    expect(h.ls('accepted')).toEqual(['crash.json']);
    expect(h.audits('dispatch.recovered').map((a) => a.task_id)).toEqual(['dispatch-crash']);
    expect(h.ls('rejected')).toEqual(['reused.json', 'reused.json.error.json']);
    const err = DispatchRejection.parse(readJson(join(h.inbox, 'rejected', 'reused.json.error.json')));
    expect(err).toMatchObject({ reason: 'reused_id', dispatch_id: 'dispatch-crash' });
    expect(err.errors[0]).toMatchObject({ field: 'id', expected: 'an id not used by a different dispatch' });
    // The real task's report is not overwritten by a failed one for the impostor.
    expect(existsSync(join(h.inbox, 'completed', 'dispatch-crash.json'))).toBe(false);
  });
});

describe('rejected files', () => {
  const expectRejected = (h: ReturnType<typeof dispatchHarness>, name: string) => {
    expect(h.ls('rejected')).toContain(name);
    return DispatchRejection.parse(readJson(join(h.inbox, 'rejected', `${name}.error.json`)));
  };

  it('moves every kind of bad file to rejected/ with the field, what was expected and what it got', async () => {
    const h = dispatchHarness();
    const outside = scratchDir('sb-outside-');
    mkdirSync(join(h.root, 'dir.json'));
    h.drop('bad-json.json', '{"id": "dispatch-x", ');
    h.drop('wrong-type.json', h.doc('dispatch-wrongtype', { ttl_seconds: 'soon' }));
    h.drop('missing.json', { id: 'dispatch-missing', dispatched_by: 'test', project: 'app', project_dir: h.project });
    h.drop('bad-id.json', h.doc('task-1'));
    h.drop('no-dir.json', h.doc('dispatch-nodir', { project_dir: join(h.projects, 'nope') }));
    h.drop('outside.json', h.doc('dispatch-outside', { project_dir: outside }));
    h.drop('ftp.json', h.doc('dispatch-ftp', { callback_url: 'ftp://example.com/x' }));
    writeFileSync(join(h.inbox, 'huge.json'), JSON.stringify(h.doc('dispatch-huge', { task: 'x'.repeat(1024 * 1024) })));
    symlinkSync(join(h.projects, 'app'), join(h.inbox, 'link.json'));
    execFileSync('mv', [join(h.root, 'dir.json'), join(h.inbox, 'dir.json')]);
    execFileSync('mkfifo', [join(h.inbox, 'pipe.json')]);
    await until(() => h.waiting().length === 0, 5000, 'every bad file to leave the inbox');

    expect(expectRejected(h, 'bad-json.json')).toMatchObject({ reason: 'invalid_json', dispatch_id: null, errors: [{ field: '(whole file)', expected: 'valid JSON' }] });
    expect(expectRejected(h, 'wrong-type.json')).toMatchObject({ reason: 'schema', dispatch_id: 'dispatch-wrongtype', errors: [{ field: 'ttl_seconds', expected: 'a number', got: 'string "soon"' }] });
    expect(expectRejected(h, 'missing.json').errors).toEqual([{ field: 'task', expected: 'a string (the field is required)', got: 'nothing (the field is missing)' }]);
    expect(expectRejected(h, 'bad-id.json')).toMatchObject({ reason: 'schema', dispatch_id: null, errors: [{ field: 'id', got: 'string "task-1"' }] });
    expect(expectRejected(h, 'no-dir.json')).toMatchObject({ reason: 'project_dir_missing', errors: [{ field: 'project_dir', expected: 'an existing directory' }] });
    expect(expectRejected(h, 'outside.json')).toMatchObject({ reason: 'project_dir_untrusted', errors: [{ field: 'project_dir', expected: 'a directory inside the trusted roots' }] });
    expect(expectRejected(h, 'ftp.json')).toMatchObject({ reason: 'schema', errors: [{ field: 'callback_url', expected: 'an http:// or https:// URL' }] });
    expect(expectRejected(h, 'huge.json')).toMatchObject({ reason: 'too_large', errors: [{ field: '(file)', expected: 'at most 1048576 bytes' }] });
    expect(expectRejected(h, 'link.json')).toMatchObject({ reason: 'not_regular_file', errors: [{ got: 'a symbolic link' }] });
    expect(expectRejected(h, 'dir.json')).toMatchObject({ reason: 'not_regular_file', errors: [{ got: 'a directory' }] });
    expect(expectRejected(h, 'pipe.json')).toMatchObject({ reason: 'not_regular_file', errors: [{ got: 'a named pipe' }] });
    expect(h.taskCount()).toBe(0);
    expect(h.audits('dispatch.rejected')).toHaveLength(11);

    // A failed completion report whenever the id is readable.
    const completed = h.ls('completed');
    expect(completed).toEqual(['dispatch-ftp.json', 'dispatch-missing.json', 'dispatch-nodir.json', 'dispatch-outside.json', 'dispatch-wrongtype.json']);
    const report = CompletionReport.parse(readJson(join(h.inbox, 'completed', 'dispatch-nodir.json')));
    expect(report).toMatchObject({ status: 'failed', error_type: 'invalid_dispatch', project_dir: join(h.projects, 'nope') });
  });

  it('writes the .error.json before the file moves', async () => {
    const h = dispatchHarness();
    const seen: boolean[] = [];
    h.drop('late.json', '{"nope"');
    await until(() => h.waiting().length === 0, 3000);
    // Replay the order with a watcher on rejected/: the sidecar must exist when the file appears.
    const { watch } = await import('node:fs');
    const w = watch(join(h.inbox, 'rejected'), (_e, name) => {
      if (name === 'late2.json' && existsSync(join(h.inbox, 'rejected', 'late2.json'))) seen.push(existsSync(join(h.inbox, 'rejected', 'late2.json.error.json')));
    });
    h.drop('late2.json', '[1, 2');
    await until(() => seen.length > 0, 3000, 'late2.json to move');
    w.close();
    expect(seen.every(Boolean)).toBe(true);
  });

  it('checks source_signature when a dispatchSecret is set', async () => {
    const secret = 'shh-its-a-secret';
    const h = dispatchHarness({ config: { dispatchSecret: secret } });
    const good = h.doc('dispatch-signed');
    h.drop('signed.json', { ...good, source_signature: signDispatch(secret, good) });
    h.drop('unsigned.json', h.doc('dispatch-unsigned'));
    const forged = h.doc('dispatch-forged');
    h.drop('forged.json', { ...forged, source_signature: signDispatch('other', forged) });
    // A signed file whose project_dir was swapped afterwards (the signature covered only `task` before).
    const swapped = h.doc('dispatch-swapped');
    h.drop('swapped.json', { ...swapped, source_signature: signDispatch(secret, swapped), project_dir: h.root });
    const old = h.doc('dispatch-old');
    h.drop('old.json', { ...old, source_signature: hmacHex(secret, old.task as string) });
    await until(() => h.waiting().length === 0, 3000);
    expect(h.store.tasks.get('dispatch-signed')?.state).toBe('queued');
    expect(h.taskCount()).toBe(1);
    expect(expectRejected(h, 'unsigned.json')).toMatchObject({ reason: 'bad_signature', errors: [{ field: 'source_signature', got: 'nothing (the file is unsigned)' }] });
    expect(expectRejected(h, 'forged.json')).toMatchObject({ reason: 'bad_signature', errors: [{ field: 'source_signature', got: expect.stringMatching(/^a signature that does not match/) }] });
    expect(expectRejected(h, 'swapped.json')).toMatchObject({ reason: 'bad_signature', errors: [{ field: 'source_signature', got: expect.stringMatching(/^a signature that does not match/) }] });
    const oldWay = expectRejected(h, 'old.json');
    expect(oldWay).toMatchObject({ reason: 'bad_signature', errors: [{ got: 'a signature of "task" alone (the old scheme)' }] });
    expect(oldWay.message).toMatch(/signed the old way.*RFC 8785 \(JCS\)/);
  });

  it('refuses a callback_url at a link-local, metadata or (unless allowed) private address, naming the field', async () => {
    const h = dispatchHarness({ config: { callbackAllow: ['10.0.0.0/8'] } });
    h.drop('metadata.json', h.doc('dispatch-metadata', { callback_url: 'http://169.254.169.254/latest/meta-data/' }));
    h.drop('private.json', h.doc('dispatch-private', { callback_url: 'http://192.168.1.5:8080/hook' }));
    h.drop('allowed.json', h.doc('dispatch-allowed', { callback_url: 'http://10.2.3.4:8080/hook' }));
    h.drop('loopback.json', h.doc('dispatch-loopback', { callback_url: 'http://127.0.0.1:9/hook' }));
    await until(() => h.waiting().length === 0, 3000);
    expect(expectRejected(h, 'metadata.json')).toMatchObject({ reason: 'callback_refused', errors: [{ field: 'callback_url', got: expect.stringMatching(/link-local/) }] });
    expect(expectRejected(h, 'private.json')).toMatchObject({ reason: 'callback_refused', errors: [{ field: 'callback_url', got: expect.stringMatching(/callbackAllow/) }] });
    expect(h.store.tasks.get('dispatch-allowed')?.state).toBe('queued');
    expect(h.store.tasks.get('dispatch-loopback')?.state).toBe('queued');
  });

  it('allows anything under the user home when trustedRoots is unset, and nothing outside it', async () => {
    const h = dispatchHarness({ config: { trustedRoots: undefined } });
    const outside = scratchDir('sb-outside-');
    h.drop('home.json', h.doc('dispatch-home'));
    h.drop('out.json', h.doc('dispatch-out', { project_dir: outside }));
    h.drop('root.json', h.doc('dispatch-root', { project_dir: h.root }));
    await until(() => h.waiting().length === 0, 3000);
    expect(h.store.tasks.get('dispatch-home')?.state).toBe('queued');
    expect(expectRejected(h, 'out.json').reason).toBe('project_dir_untrusted');
    expect(expectRejected(h, 'root.json').reason).toBe('project_dir_untrusted');
  });

  it('never deletes: every dropped file is in accepted/ or rejected/', async () => {
    const h = dispatchHarness();
    for (let i = 0; i < 20; i++) h.drop(`f${i}.json`, i % 4 === 0 ? '{ broken' : h.doc(`dispatch-n${i % 7}`, { task: `t${i % 7}` }));
    await until(() => h.waiting().length === 0, 5000);
    const rejected = h.ls('rejected').filter((n) => !n.endsWith('.error.json'));
    expect(h.ls('accepted').length + rejected.length).toBe(20);
    expect(rejected).toHaveLength(5);
  });
});
