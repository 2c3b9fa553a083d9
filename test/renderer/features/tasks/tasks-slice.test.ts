import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../../shared/contract.js';
import { createAppStore } from '../../../../renderer/store/create-app-store.js';
import { createCoreClient, type CoreClient } from '../../support/core-client.js';

describe('the tasks slice against a real core', () => {
  let cc: CoreClient;
  beforeEach(() => (cc = createCoreClient()));
  afterEach(() => cc.dispose());

  it('keeps an event that arrives while a slow page is loading', async () => {
    const dir = cc.projectDir('p');
    const first = await cc.client.api['tasks.create']({ projectDir: dir, prompt: 'one' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowApi: Api = {
      ...cc.client.api,
      'tasks.list': async (input) => {
        const out = await cc.client.api['tasks.list'](input);
        await gate;
        return out;
      },
    };
    const store = createAppStore({ api: slowApi, now: Date.now });
    const off = cc.core.bus.on('task.changed', ({ task, previousState }) => store.getState().applyTaskChanged(task, previousState));
    const loading = store.getState().loadTasks();
    await cc.client.api['tasks.cancel']({ id: first.id });
    const second = await cc.client.api['tasks.create']({ projectDir: dir, prompt: 'two' });
    release();
    await loading;
    off();
    const s = store.getState();
    expect(s.tasksById[first.id].state).toBe('cancelled');
    expect(s.tasksById[second.id].prompt).toBe('two');
  });

  it('pages through finished tasks and narrows the query by search and project', async () => {
    const a = cc.projectDir('a');
    const b = cc.projectDir('b');
    for (let i = 0; i < 105; i++) {
      const t = await cc.client.api['tasks.create']({ projectDir: a, prompt: `old ${i}` });
      await cc.client.api['tasks.cancel']({ id: t.id });
    }
    await cc.client.api['tasks.create']({ projectDir: b, prompt: 'needle in b' });
    const store = createAppStore({ api: cc.client.api, now: Date.now });
    await store.getState().loadTasks();
    expect(Object.keys(store.getState().tasksById)).toHaveLength(101);
    expect(store.getState().olderCursor).not.toBeNull();
    await store.getState().loadOlderTasks();
    expect(Object.keys(store.getState().tasksById)).toHaveLength(106);
    expect(store.getState().olderCursor).toBeNull();

    await store.getState().setFilters({ search: 'needle' });
    expect(Object.values(store.getState().tasksById).map((t) => t.prompt)).toEqual(['needle in b']);
    const projectB = cc.core.store.projects.list().find((p) => p.dir.endsWith('/b'))!;
    await store.getState().setFilters({ search: '', projectId: projectB.id });
    expect(Object.values(store.getState().tasksById).map((t) => t.projectId)).toEqual([projectB.id]);
  });

  it('says what failed when the core cannot answer', async () => {
    const broken: Api = { ...cc.client.api, 'tasks.list': async () => Promise.reject(new Error('database is locked')) };
    const store = createAppStore({ api: broken, now: Date.now });
    await store.getState().loadTasks();
    expect(store.getState().tasksError).toBe('Could not load the tasks: database is locked');
    expect(store.getState().tasksLoading).toBe(false);
  });
});
