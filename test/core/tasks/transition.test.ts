import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBus } from '../../../electron/core/bus.js';
import { createStore } from '../../../electron/core/store/index.js';
import { createTransition } from '../../../electron/core/tasks/transition.js';
import type { EventPayload } from '../../../shared/contract.js';
import { TASK_STATES, type TaskState } from '../../../shared/models/task.js';
import { canTransition, TRANSITIONS, type TaskEvent } from '../../../shared/models/task-transitions.js';
import { driveTo } from '../../helpers/drive-task.js';
import { tempDir } from '../../helpers/temp.js';

function setup() {
  const bus = createBus();
  const store = createStore(join(tempDir(), 'a.db'), { aroundTx: bus.deferDuring });
  let now = 1000;
  const transition = createTransition({ store, bus, clock: { now: () => now++ } });
  const p = store.projects.ensure('/p', 0);
  store.tasks.insert({ id: 'dispatch-t', contentHash: null, projectId: p.id, prompt: 'x', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'api', dispatchedBy: null, inPlace: false, baseBranch: null, callbackUrl: null, meta: {} }, 0);
  const seen: EventPayload<'task.changed'>[] = [];
  bus.on('task.changed', (e) => seen.push(e));
  return { store, bus, transition, seen };
}

describe('transition()', () => {
  it('moves a task by a named event, audits it and announces it', () => {
    const { store, transition, seen } = setup();
    const t = transition('dispatch-t', 'claim', { reason: 'picked up' });
    expect(t?.state).toBe('preparing');
    expect(seen).toEqual([{ task: t, previousState: 'queued' }]);
    expect(store.audit.forTask('dispatch-t')).toMatchObject([{ kind: 'task.state', data: { from: 'queued', to: 'preparing', event: 'claim', reason: 'picked up' } }]);
  });

  it('refuses every move the state table does not list, and leaves the task alone', () => {
    const { store, transition, seen } = setup();
    // From queued, only claim, refuse, cancel and supersede apply: every other event is refused.
    for (const event of Object.keys(TRANSITIONS) as TaskEvent[]) {
      if (['claim', 'refuse', 'cancel', 'supersede'].includes(event)) continue;
      expect(transition('dispatch-t', event), event).toBeNull();
    }
    expect(transition('dispatch-missing', 'claim')).toBeNull();
    expect(store.tasks.get('dispatch-t')!.state).toBe('queued');
    expect(seen).toEqual([]);
    expect(store.audit.forTask('dispatch-t')).toEqual([]);
  });

  it('has no way out of a final state but a retry, and none at all out of applied, rejected or no_changes', () => {
    const exits = (s: TaskState) => TASK_STATES.filter((to) => canTransition(s, to));
    expect(exits('applied')).toEqual([]);
    expect(exits('rejected')).toEqual([]);
    expect(exits('no_changes')).toEqual([]);
    expect(exits('failed')).toEqual(['queued']);
    expect(canTransition('running', 'applied')).toBe(false);
    expect(canTransition('queued', 'awaiting_review')).toBe(false);
  });

  it('stamps ended_at on a final state and writes patch columns in the same statement', () => {
    const { transition } = setup();
    const t = driveTo(transition, 'dispatch-t', 'queued', 'failed', { patch: { error_type: 'crashed', error: 'boom' } });
    expect(t).toMatchObject({ state: 'failed', errorType: 'crashed', error: 'boom' });
    expect(t!.endedAt).not.toBeNull();
  });

  it('announces only after the outer transaction commits, and not at all when it rolls back', () => {
    const { store, transition, seen } = setup();
    store.tx(() => {
      transition('dispatch-t', 'claim');
      expect(seen).toEqual([]); // not committed yet
    });
    expect(seen.map((e) => e.task.state)).toEqual(['preparing']);
    expect(() =>
      store.tx(() => {
        transition('dispatch-t', 'start');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(store.tasks.get('dispatch-t')!.state).toBe('preparing');
    expect(seen).toHaveLength(1);
  });

  it('a throwing listener does not break the transition or the listeners after it', () => {
    const errors: unknown[] = [];
    const bus = createBus({ onUnexpectedError: (err) => errors.push(err) });
    const store = createStore(join(tempDir(), 'b.db'), { aroundTx: bus.deferDuring });
    const transition = createTransition({ store, bus, clock: { now: () => 1 } });
    const p = store.projects.ensure('/p', 0);
    store.tasks.insert({ id: 'dispatch-x', contentHash: null, projectId: p.id, prompt: 'x', agent: 'claude', priority: 0, ttlSeconds: 60, source: 'api', dispatchedBy: null, inPlace: false, baseBranch: null, callbackUrl: null, meta: {} }, 0);
    const after: string[] = [];
    bus.on('task.changed', () => {
      throw new Error('a notifier broke');
    });
    bus.onAny((e) => after.push(e.name));
    const t = transition('dispatch-x', 'claim');
    expect(t?.state).toBe('preparing');
    expect(after).toEqual(['task.changed']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('a notifier broke');
  });
});
