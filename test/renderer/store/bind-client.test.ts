import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindClient } from '../../../renderer/store/bind-client.js';
import { createAppStore, type AppStore } from '../../../renderer/store/create-app-store.js';
import { createCoreClient, OPEN, until, type CoreClient } from '../support/core-client.js';

describe('the renderer store fed by a real core', () => {
  let cc: CoreClient;
  let store: AppStore;
  let unbind: () => void;

  beforeEach(() => {
    cc = createCoreClient();
    store = createAppStore({ api: cc.client.api, now: Date.now });
    unbind = bindClient(store, cc.client);
  });
  afterEach(async () => {
    unbind();
    await cc.dispose();
  });

  it('loads nothing until the event stream opens, then loads tasks, projects and status', async () => {
    const dir = cc.projectDir('api');
    await cc.client.api['tasks.create']({ projectDir: dir, prompt: 'first' });
    expect(store.getState().tasksLoaded).toBe(false);
    cc.setConnection(OPEN);
    expect(store.getState().connection.status).toBe('open');
    await until(() => store.getState().tasksLoaded && store.getState().status != null && store.getState().projects.length === 1, 'the first load');
    const s = store.getState();
    expect(Object.values(s.tasksById).map((t) => t.prompt)).toEqual(['first']);
    expect(s.status!.counts.queued).toBe(1);
    expect(s.projects[0].dir).toBe(cc.core.store.projects.list()[0].dir);
  });

  it('follows task.changed live: new tasks appear, state changes move them, counts follow', async () => {
    cc.setConnection(OPEN);
    await until(() => store.getState().tasksLoaded && store.getState().status != null, 'load');
    const dir = cc.projectDir('web');
    const a = await cc.client.api['tasks.create']({ projectDir: dir, prompt: 'alpha' });
    const b = await cc.client.api['tasks.create']({ projectDir: dir, prompt: 'beta' });
    expect(Object.keys(store.getState().tasksById).sort()).toEqual([a.id, b.id].sort());
    expect(store.getState().status!.counts.queued).toBe(2);

    await cc.client.api['tasks.cancel']({ id: a.id });
    const s = store.getState();
    expect(s.tasksById[a.id].state).toBe('cancelled');
    expect([s.status!.counts.queued, s.status!.counts.cancelled]).toEqual([1, 1]);
    // The pushed counts agree with what the core reports.
    expect(s.status!.counts).toEqual((await cc.client.api['app.status']({})).counts);
  });

  it('reloads after a reconnect, picking up what changed while offline', async () => {
    cc.setConnection(OPEN);
    await until(() => store.getState().tasksLoaded, 'load');
    unbind();
    const task = await cc.client.api['tasks.create']({ projectDir: cc.projectDir('x'), prompt: 'made while offline' });
    unbind = bindClient(store, cc.client);
    expect(store.getState().tasksById[task.id]).toBeUndefined();
    cc.setConnection({ status: 'reconnecting', attempt: 1, retryAt: Date.now() + 500, reason: 'lost' });
    expect(store.getState().connection.status).toBe('reconnecting');
    cc.setConnection(OPEN);
    await until(() => store.getState().tasksById[task.id] != null, 'the task made offline');
  });

  it('keeps the open task detail current and records action errors there', async () => {
    cc.setConnection(OPEN);
    const task = await cc.client.api['tasks.create']({ projectDir: cc.projectDir('d'), prompt: 'detail me' });
    store.getState().navigate('tasks', task.id);
    await until(() => store.getState().detail.task?.id === task.id && !store.getState().detail.loading, 'the detail');
    await store.getState().cancelTask(task.id);
    expect(store.getState().detail.task!.state).toBe('cancelled');
    expect(store.getState().detail.error).toBeNull();
    await store.getState().cancelTask(task.id);
    expect(store.getState().detail.error).toMatch(new RegExp(`Could not cancel ${task.id}: task ${task.id} already ended as cancelled`));
    await store.getState().retryTask(task.id);
    expect(store.getState().tasksById[task.id].state).toBe('queued');
  });
});

describe('projects in the store', () => {
  it('reload when a task arrives for a project the renderer has not seen', async () => {
    const cc = createCoreClient();
    const store = createAppStore({ api: cc.client.api, now: Date.now });
    const unbind = bindClient(store, cc.client);
    try {
      cc.setConnection(OPEN);
      await until(() => store.getState().tasksLoaded, 'load');
      expect(store.getState().projects).toEqual([]);
      await cc.client.api['tasks.create']({ projectDir: cc.projectDir('fresh'), prompt: 'x' });
      await until(() => store.getState().projects.length === 1, 'the new project');
      expect(store.getState().projects[0].dir.endsWith('/fresh')).toBe(true);
    } finally {
      unbind();
      await cc.dispose();
    }
  });
});
