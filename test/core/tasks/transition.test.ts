import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBus } from '../../../electron/core/bus.js';
import { createStore } from '../../../electron/core/store/index.js';
import { createTransition } from '../../../electron/core/tasks/transition.js';
import type { EventPayload } from '../../../shared/contract.js';
import { tempDir } from '../../helpers/temp.js';

function setup() {
  const store = createStore(join(tempDir(), 'a.db'));
  const bus = createBus();
  let now = 1000;
  const transition = createTransition({ store, bus, clock: { now: () => now++ } });
  const p = store.projects.ensure('/p', 0);
  store.tasks.insert({ id: 'dispatch-t', contentHash: null, projectId: p.id, prompt: 'x', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'api', dispatchedBy: null, inPlace: false, baseBranch: null, callbackUrl: null, meta: {} }, 0);
  const seen: EventPayload<'task.changed'>[] = [];
  bus.on('task.changed', (e) => seen.push(e));
  return { store, transition, seen };
}

describe('transitionTask', () => {
  it('moves a task, audits it and announces it', () => {
    const { store, transition, seen } = setup();
    const t = transition('dispatch-t', 'queued', 'preparing', { reason: 'picked up' });
    expect(t?.state).toBe('preparing');
    expect(seen).toEqual([{ task: t, previousState: 'queued' }]);
    expect(store.audit.forTask('dispatch-t')).toMatchObject([{ kind: 'task.state', data: { from: 'queued', to: 'preparing', reason: 'picked up' } }]);
  });

  it('is a compare-and-set: a task not in the expected state is left alone', () => {
    const { store, transition, seen } = setup();
    expect(transition('dispatch-t', 'running', 'failed')).toBeNull();
    expect(transition('dispatch-missing', 'queued', 'failed')).toBeNull();
    expect(store.tasks.get('dispatch-t')!.state).toBe('queued');
    expect(seen).toEqual([]);
    expect(store.audit.forTask('dispatch-t')).toEqual([]);
  });

  it('stamps ended_at on a final state and writes patch columns in the same statement', () => {
    const { transition } = setup();
    const t = transition('dispatch-t', ['queued', 'running'], 'failed', { patch: { error_type: 'crashed', error: 'boom' } });
    expect(t).toMatchObject({ state: 'failed', errorType: 'crashed', error: 'boom' });
    expect(t!.endedAt).not.toBeNull();
  });
});
