// Property-based tests over the dispatch parser: the bytes of a file in the inbox become a dispatch or a
// rejection, never an exception, and a rejection always names the field that is wrong. First the
// examiner alone (many cases), then the whole intake (store, reason file, move) with fewer.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { examineDispatchFile } from '../../electron/core/dispatch/examine-file.js';
import { REJECTION_REASONS } from '../../shared/models/dispatch.js';
import { TASK_ID_RE } from '../../shared/models/task.js';
import { tempDir } from '../helpers/temp.js';
import { record, scale } from './ledger.js';
import { createIntakeKit } from './support/intake-kit.js';

const kit = createIntakeKit(tempDir('sb-fuzz-dispatch-'));
afterAll(() => kit.dispose());
const escape = join(kit.project, 'escape');
symlinkSync(kit.outside, escape);
const notDir = join(kit.project, 'file.txt');
writeFileSync(notDir, 'x');

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '../../etc/passwd', 'dispatch-../../x', 'dispatch-..', 'dispatch-a/b', '\u0000', '\uFFFD', '\uD800', 'a'.repeat(5000), '${HOME}', '~', '~/'),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, -1, 0, 1e308, 2 ** 53),
);
const projectDir = fc.constantFrom(kit.project, `${kit.project}/../../outside`, escape, notDir, kit.outside, '/etc', '/nonexistent/dir', '~/nope', 'relative/dir', '/');
/** Mostly the good value, sometimes a hostile one. */
const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: hostileValue });
const validish = {
  schema_version: mostly(fc.constantFrom(1, undefined, null)),
  id: mostly(fc.stringMatching(/^dispatch-[A-Za-z0-9_.-]{1,20}$/)),
  dispatched_by: mostly(fc.constantFrom('fuzz', 'gstack')),
  task: mostly(fc.constantFrom('write a.txt hello', 'fix the bug\nand test it')),
  project: mostly(fc.constant('app')),
  project_dir: fc.oneof({ weight: 6, arbitrary: fc.constant(kit.project) }, { weight: 4, arbitrary: projectDir }, hostileString),
  target_agent: mostly(fc.constantFrom('claude', undefined)),
  ttl_seconds: mostly(fc.integer({ min: 60, max: 86_400 })),
  constraints: mostly(fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 })),
  learnings: mostly(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }))), { maxLength: 3 })),
  callback_url: mostly(fc.constantFrom('http://127.0.0.1:1/cb', 'https://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'http://')),
  priority: mostly(fc.oneof(fc.constantFrom('low', 'urgent', 'bogus'), fc.integer({ min: -200, max: 200 }))),
  base_branch: mostly(fc.constantFrom('main', 'feature/x')),
};
const REQUIRED = ['id', 'dispatched_by', 'task', 'project', 'project_dir'] as const;
/** A dispatch-shaped object: each field good, hostile, or missing (at most one required one), plus unknown extras. */
const dispatchLike = fc
  .tuple(
    fc.record(validish, { requiredKeys: [] }),
    fc.subarray([...REQUIRED], { maxLength: 1 }),
    fc.stringMatching(/^dispatch-f[a-z0-9]{1,12}$/),
    fc.dictionary(fc.string({ maxLength: 10 }), hostileValue, { maxKeys: 3 }),
  )
  .map(([known, dropped, id, extra]) => {
    const fill: Record<(typeof REQUIRED)[number], unknown> = { id, dispatched_by: 'fuzz', task: 'do it', project: 'app', project_dir: kit.project };
    const doc: Record<string, unknown> = { ...extra, ...known };
    for (const k of REQUIRED) if (!(k in known) && !dropped.includes(k)) doc[k] = fill[k];
    return doc;
  });

/** File contents: dispatch-like JSON (sometimes cut short, BOM'd or with foreign bytes), any JSON, any bytes. */
const fileBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 5, arbitrary: dispatchLike.map((d) => Buffer.from(JSON.stringify(d))) },
  dispatchLike.chain((d) => fc.nat().map((n) => { const s = Buffer.from(JSON.stringify(d)); return s.subarray(0, n % (s.length + 1)); })),
  dispatchLike.map((d) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(d))])),
  dispatchLike.chain((d) => fc.uint8Array({ minLength: 1, maxLength: 4 }).map((junk) => Buffer.from(JSON.stringify(d).replace('"task":"', `"task":"${Buffer.from(junk).toString('latin1')}`), 'latin1'))),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '')),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.nat({ max: 3000 }).map((n) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`)),
  fc.integer({ min: 1, max: 3000 }).map((n) => Buffer.from(JSON.stringify({ id: 'dispatch-deep', dispatched_by: 'f', task: 't', project: 'p', project_dir: kit.project, extra: JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) }))),
);

/** The checks every rejection must pass; returns what is wrong, or null. */
function rejectionProblem(r: { reason: string; message: string; errors: { field: string; expected: string; got: string }[] }): string | null {
  if (!(REJECTION_REASONS as readonly string[]).includes(r.reason)) return `unknown reason ${r.reason}`;
  if (!r.errors.length) return 'no field named';
  for (const e of r.errors) {
    if (!e.field || !e.expected || !e.got) return `an empty field/expected/got: ${JSON.stringify(e)}`;
    // A real field (not "(file)" or "(whole file)") is named in the message a person reads.
    if (!e.field.startsWith('(') && !r.message.includes(e.field.split('.')[0])) return `message does not name ${e.field}: ${r.message}`;
  }
  if (r.message.length < 15) return `message too short: ${r.message}`;
  return null;
}

let seq = 0;

describe('fuzz: the dispatch parser', () => {
  it('turns any file into a dispatch or a rejection that names the field', () => {
    let tried = 0;
    let passed = 0;
    fc.assert(
      fc.property(fileBytes, (bytes) => {
        tried++;
        const path = join(kit.root, `examine-${seq++}.json`);
        writeFileSync(path, bytes);
        const ex = examineDispatchFile(path, { trust: kit.trust });
        expect(['unparsed', 'rejected', 'valid']).toContain(ex.kind);
        if (ex.kind === 'rejected') expect(rejectionProblem(ex.rejection)).toBeNull();
        if (ex.kind === 'unparsed') expect(ex.error.length).toBeGreaterThan(0);
        if (ex.kind === 'valid') {
          expect(ex.dispatch.id).toMatch(TASK_ID_RE);
          expect(ex.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(kit.trust.problem(ex.realDir)).toBeNull();
        }
        passed++;
      }),
      { numRuns: scale(300, 5000) },
    );
    record({ suite: 'fuzz dispatch parser', tried, passed, lost: 0 });
  });

  it('through the whole intake: every file is accepted as one task or rejected beside its reason, none lost', () => {
    let tried = 0;
    let passed = 0;
    let lost = 0;
    const kinds: Record<string, number> = {};
    fc.assert(
      fc.property(fileBytes, (bytes) => {
        tried++;
        const name = `fuzz-${seq++}.json`;
        const before = new Set(kit.taskIds());
        const outcome = kit.take(name, bytes);
        const where = kit.whereIs(name);
        kinds[outcome.kind] = (kinds[outcome.kind] ?? 0) + 1;
        if (where.length !== 1) lost++;
        if (outcome.kind === 'rejected') {
          expect(where).toEqual(['rejected']);
          const reason = kit.reason(name);
          expect(reason, `${name} has no reason file`).not.toBeNull();
          expect(reason!.reason).toBe(outcome.reason);
          expect(rejectionProblem(reason!)).toBeNull();
        } else {
          expect(['accepted', 'duplicate']).toContain(outcome.kind);
          expect(where).toEqual(['accepted']);
          const taskId = (outcome as { taskId: string }).taskId;
          if (!kit.taskIds().includes(taskId)) lost++;
          if (outcome.kind === 'accepted') expect(before.has(taskId)).toBe(false);
        }
        passed++;
      }),
      { numRuns: scale(100, 1500) },
    );
    record({ suite: 'fuzz dispatch intake', tried, passed, lost, note: `${kinds.accepted ?? 0} accepted, ${kinds.rejected ?? 0} rejected` });
    expect(lost).toBe(0);
    expect(kinds.accepted, 'the generator makes valid dispatches too').toBeGreaterThan(0);
  });
});
