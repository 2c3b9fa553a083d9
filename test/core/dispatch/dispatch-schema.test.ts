import { describe, expect, it } from 'vitest';
import { Dispatch, describeIssues, priorityValue } from '../../../shared/models/dispatch.js';
import { composePrompt, dispatchHash } from '../../../electron/core/dispatch/dispatch-request.js';
import { createHmac } from 'node:crypto';
import { callbackKey, canonicalDispatch, checkDispatchSignature, hmacHex, signCallback, signDispatch } from '../../../electron/core/dispatch/signature.js';

const base = { id: 'dispatch-1', dispatched_by: 'me', task: 'do it', project: 'p', project_dir: '/srv/p' };
const problems = (raw: Record<string, unknown>) => {
  const r = Dispatch.safeParse(raw);
  if (r.success) return [];
  return describeIssues(raw, r.error);
};

describe('the dispatch schema', () => {
  it('fills the defaults of a minimal gstack file and keeps unknown fields', () => {
    const d = Dispatch.parse({ ...base, project_dir: '~/code/p', gstack: { v: 2 }, callback_url: null });
    expect(d).toEqual({ ...base, project_dir: '~/code/p', schema_version: 1, ttl_seconds: 3600, constraints: [], learnings: [], gstack: { v: 2 } });
  });

  it('names the field, what it expected and what it got for every wrong value', () => {
    expect(problems({ ...base, ttl_seconds: '60' })).toEqual([{ field: 'ttl_seconds', expected: 'a number', got: 'string "60"' }]);
    expect(problems({ ...base, ttl_seconds: 59 })).toEqual([{ field: 'ttl_seconds', expected: 'at least 60 seconds', got: 'number 59' }]);
    expect(problems({ ...base, ttl_seconds: 86_401 })[0].expected).toMatch(/at most 86400/);
    expect(problems({ ...base, ttl_seconds: 90.5 })).toEqual([{ field: 'ttl_seconds', expected: 'a whole number', got: 'number 90.5' }]);
    expect(problems({ ...base, task: '   ' })).toEqual([{ field: 'task', expected: 'a non-empty task description', got: 'string "   "' }]);
    expect(problems({ ...base, project_dir: 'relative/dir' })[0]).toMatchObject({ field: 'project_dir', expected: 'an absolute path, or one starting with ~/' });
    expect(problems({ ...base, constraints: 'one' })[0]).toMatchObject({ field: 'constraints', expected: 'an array', got: 'string "one"' });
    expect(problems({ ...base, constraints: ['ok', 3] })[0]).toMatchObject({ field: 'constraints.1', got: 'number 3' });
    expect(problems({ ...base, schema_version: 4 })[0].expected).toMatch(/schema version 1, 2 or 3/);
    expect(problems({ ...base, callback_url: 'file:///etc/passwd' })[0]).toMatchObject({ field: 'callback_url', expected: 'an http:// or https:// URL' });
    expect(problems({ ...base, source_signature: 'abc' })[0].field).toBe('source_signature');
    expect(problems({ ...base, priority: 'asap' })[0].field).toBe('priority');
    const { task: _task, ...noTask } = base;
    expect(problems(noTask)).toEqual([{ field: 'task', expected: 'a string (the field is required)', got: 'nothing (the field is missing)' }]);
  });

  it('accepts only dispatch- ids of letters, digits, - _ . and at most 128 characters', () => {
    for (const id of ['dispatch-a', 'dispatch-2026.03_01-x', `dispatch-${'a'.repeat(119)}`]) expect(problems({ ...base, id })).toEqual([]);
    for (const id of ['task-1', 'dispatch-', 'dispatch-a/b', 'dispatch-a b', 'dispatch-ü', `dispatch-${'a'.repeat(120)}`, '../dispatch-a']) {
      expect(problems({ ...base, id })[0]?.field, id).toBe('id');
    }
  });

  it('maps named priorities and numbers', () => {
    expect(priorityValue(Dispatch.parse({ ...base, priority: 'high' }).priority)).toBe(10);
    expect(priorityValue(Dispatch.parse({ ...base, priority: -5 }).priority)).toBe(-5);
    expect(priorityValue(Dispatch.parse(base).priority)).toBe(0);
  });

  it('hashes the content, not the way it was written', () => {
    const a = Dispatch.parse({ ...base, x: { b: 1, a: 2 } });
    const b = Dispatch.parse({ x: { a: 2, b: 1 }, ...base, schema_version: 1, ttl_seconds: 3600 });
    expect(dispatchHash(a)).toBe(dispatchHash(b));
    expect(dispatchHash(a)).not.toBe(dispatchHash(Dispatch.parse({ ...base, task: 'do it!' })));
  });
});

describe('the agent prompt', () => {
  it('is the task alone when there is nothing else', () => {
    expect(composePrompt('Fix it.\n', [], [])).toBe('Fix it.');
  });

  it('carries the constraints, then at most five learnings, each delimited', () => {
    const p = composePrompt('Fix it.', ['no new deps', 'keep\nthe API'], ['a', { text: 'b' }, { insight: 'c' }, { other: 1 }, 'e', 'f']);
    expect(p).toBe(
      'Fix it.\n\n<constraints>\nFollow every one of these:\n- no new deps\n- keep\n  the API\n</constraints>\n\n' +
        '<learnings>\nLessons from earlier work on this project:\n- a\n- b\n- c\n- {"other":1}\n- e\n</learnings>',
    );
  });
});

describe('source_signature (issue 12: it binds the whole dispatch)', () => {
  const doc = { ...base, callback_url: 'http://127.0.0.1:9/hook', target_agent: 'claude' };
  const signed = { ...doc, source_signature: signDispatch('k', doc) };

  it('is the hex HMAC-SHA256 of the JCS canonical document without source_signature', () => {
    // JCS sorts keys and drops insignificant whitespace: key order in the file does not matter.
    expect(canonicalDispatch({ b: 1, a: 'x', source_signature: 'ignored' })).toBe('{"a":"x","b":1}');
    expect(signed.source_signature).toBe(createHmac('sha256', 'k').update(canonicalDispatch(doc)).digest('hex'));
    expect(checkDispatchSignature('k', signed)).toBe('ok');
    expect(checkDispatchSignature('k', { ...signed, source_signature: `sha256=${signed.source_signature.toUpperCase()}` })).toBe('ok');
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    expect(checkDispatchSignature('k', reordered)).toBe('ok');
  });

  it('breaks when any field is swapped after signing', () => {
    expect(checkDispatchSignature('k', { ...signed, project_dir: '/srv/other' })).toBe('mismatch');
    expect(checkDispatchSignature('k', { ...signed, callback_url: 'http://169.254.169.254/' })).toBe('mismatch');
    expect(checkDispatchSignature('k', { ...signed, target_agent: 'codex' })).toBe('mismatch');
    expect(checkDispatchSignature('other', signed)).toBe('mismatch');
    expect(checkDispatchSignature('k', doc)).toBe('missing');
    expect(checkDispatchSignature('k', { ...doc, source_signature: 'nope' })).toBe('malformed');
  });

  it('recognises a file signed the old way (the task alone), so the rejection can say how to sign', () => {
    expect(checkDispatchSignature('k', { ...doc, source_signature: hmacHex('k', doc.task) })).toBe('task-only');
  });

  it('signs callbacks with a key derived from the secret, never the secret itself', () => {
    const body = '{"status":"applied"}';
    expect(signCallback('k', body)).toBe(`sha256=${hmacHex(callbackKey('k'), body)}`);
    expect(signCallback('k', body)).not.toBe(`sha256=${hmacHex('k', body)}`);
  });
});
