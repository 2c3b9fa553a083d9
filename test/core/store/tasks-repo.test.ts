import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../electron/core/store/index.js';
import { tempDir } from '../../helpers/temp.js';

const base = { contentHash: null, prompt: 'do it', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'api' as const, dispatchedBy: null, inPlace: false, baseBranch: null, callbackUrl: null, meta: {} };

describe('tasks repo', () => {
  it('lists newest first with a cursor, by project, state and search', () => {
    const store = createStore(join(tempDir(), 'a.db'));
    const a = store.projects.ensure('/a', 0);
    const b = store.projects.ensure('/b', 0);
    for (let i = 0; i < 7; i++) store.tasks.insert({ ...base, id: `dispatch-a${i}`, projectId: a.id, prompt: i === 3 ? 'fix the 100% bug' : 'x' }, i);
    store.tasks.insert({ ...base, id: 'dispatch-b0', projectId: b.id }, 10);

    const page1 = store.tasks.list({ projectId: a.id, limit: 3 });
    expect(page1.tasks.map((t) => t.id)).toEqual(['dispatch-a6', 'dispatch-a5', 'dispatch-a4']);
    const page2 = store.tasks.list({ projectId: a.id, limit: 3, beforeSeq: page1.lastSeq! });
    expect(page2.tasks.map((t) => t.id)).toEqual(['dispatch-a3', 'dispatch-a2', 'dispatch-a1']);
    const page3 = store.tasks.list({ projectId: a.id, limit: 3, beforeSeq: page2.lastSeq! });
    expect(page3.tasks.map((t) => t.id)).toEqual(['dispatch-a0']);
    expect(page3.lastSeq).toBeNull();

    expect(store.tasks.list({ limit: 50, search: '100%' }).tasks.map((t) => t.id)).toEqual(['dispatch-a3']);
    expect(store.tasks.list({ limit: 50, search: '%' }).tasks.map((t) => t.id)).toEqual(['dispatch-a3']);
    expect(store.tasks.list({ limit: 50, states: ['running'] }).tasks).toEqual([]);
    expect(store.tasks.get('dispatch-b0')!.projectDir).toBe('/b');
    expect(store.tasks.counts()).toEqual({ queued: 8 });
    store.dispose();
  });

  it('refuses a second task with the same id', () => {
    const store = createStore(join(tempDir(), 'a.db'));
    const a = store.projects.ensure('/a', 0);
    store.tasks.insert({ ...base, id: 'dispatch-x', projectId: a.id }, 0);
    expect(() => store.tasks.insert({ ...base, id: 'dispatch-x', projectId: a.id }, 0)).toThrow(/UNIQUE/);
    store.dispose();
  });

  it('keeps the audit trail append-only', () => {
    const store = createStore(join(tempDir(), 'a.db'));
    store.audit.append(1, 'test', null, 'me', { a: 1 });
    expect(() => store.db.prepare('UPDATE audit SET kind = ?').run('other')).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    store.dispose();
  });
});
