import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { livePids, waitFor } from '../../fixtures/fake-claude-kit.js';
import { setupScheduler } from './setup.js';

const FINAL = ['awaiting_review', 'no_changes', 'failed', 'timed_out', 'cancelled'] as const;

describe('scheduler: order and limits', () => {
  it('runs 10 tasks with maxConcurrent 3: never more than 3 agents at once, and all 10 finish', async () => {
    const s = setupScheduler({ start: false });
    const tasks = await Promise.all(Array.from({ length: 10 }, (_, i) => s.submit(`sleep 400\nwrite out-${i}.txt task ${i}`)));
    let max = 0;
    let maxRunning = 0;
    const sampler = setInterval(() => {
      max = Math.max(max, livePids(s.pidDir).length);
      maxRunning = Math.max(maxRunning, s.core.store.tasks.counts().running ?? 0);
    }, 10);
    s.core.scheduler.start();
    try {
      for (const t of tasks) await s.waitState(t.id, FINAL, 60_000);
    } finally {
      clearInterval(sampler);
    }
    // The invariant, not a timing: on a loaded machine fewer may overlap, never more.
    expect(max).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThan(0);
    expect(maxRunning).toBeLessThanOrEqual(3);
    for (const [i, t] of tasks.entries()) {
      const done = s.task(t.id);
      expect({ state: done.state, error: done.error }).toEqual({ state: 'awaiting_review', error: null });
      // Each agent ran in its own worktree; the project itself is untouched until approval.
      expect(readFileSync(join(done.worktreePath!, `out-${i}.txt`), 'utf8')).toBe(`task ${i}`);
      expect(existsSync(join(s.project, `out-${i}.txt`))).toBe(false);
      const [run] = s.core.store.runs.forTask(t.id);
      expect(run).toMatchObject({ state: 'exited', exitCode: 0, errorType: null });
      expect(run.pid).toBeGreaterThan(0);
      expect(run.pidStartTime).toMatch(/^\d+$/);
      expect(run.sessionId).toBeTruthy();
    }
  }, 180_000);

  it('takes tasks by priority, then oldest first', async () => {
    const s = setupScheduler({ start: false, config: { maxConcurrent: 1 } });
    const low = await s.submit('say low', { priority: 0 });
    const high1 = await s.submit('say high 1', { priority: 5 });
    const mid = await s.submit('say mid', { priority: 1 });
    const high2 = await s.submit('say high 2', { priority: 5 });
    const order: string[] = [];
    s.core.bus.on('task.changed', ({ task }) => void (task.state === 'preparing' && order.push(task.id)));
    s.core.scheduler.start();
    for (const t of [low, high1, mid, high2]) await s.waitState(t.id, 'no_changes');
    expect(order).toEqual([high1.id, high2.id, mid.id, low.id]);
  }, 120_000);

  it('applies a new concurrency limit at once', async () => {
    const s = setupScheduler({ config: { maxConcurrent: 1 } });
    // Agents that wait for a line of input: they run until the test lets them go.
    const tasks = await Promise.all([0, 1, 2].map(() => s.submit('read-line')));
    await waitFor(() => livePids(s.pidDir).length === 1, 5000, 'one agent');
    await new Promise((r) => setTimeout(r, 150));
    expect(s.core.store.tasks.counts()).toMatchObject({ running: 1, queued: 2 });
    writeFileSync(s.configFile, JSON.stringify({ ...JSON.parse(readFileSync(s.configFile, 'utf8')), maxConcurrent: 3 }));
    s.core.config.reload();
    await waitFor(() => livePids(s.pidDir).length === 3, 5000, 'three agents while the first still runs');
    for (const t of tasks) {
      await s.waitState(t.id, 'running');
      await s.core.call('runs.write', { taskId: t.id, data: 'go\r' });
    }
    for (const t of tasks) await s.waitState(t.id, 'no_changes');
  });

  it('keeps each project within maxConcurrentPerProject', async () => {
    const s = setupScheduler({ config: { maxConcurrent: 3, maxConcurrentPerProject: 1 } });
    const { gitProject } = await import('../../fixtures/fake-claude-kit.js');
    const other = gitProject(join(s.home, 'other'));
    const tasks = [
      ...(await Promise.all([0, 1].map(() => s.submit('sleep 300')))),
      ...(await Promise.all([0, 1].map(() => s.core.call('tasks.create', { projectDir: other, prompt: 'sleep 300' })))),
    ];
    let max = 0;
    const sampler = setInterval(() => (max = Math.max(max, s.core.store.tasks.counts().running ?? 0)), 10);
    for (const t of tasks) await s.waitState(t.id, 'no_changes');
    clearInterval(sampler);
    expect(max).toBe(2);
  });

  it("applies a project's own new limit at once", async () => {
    const s = setupScheduler({ config: { maxConcurrent: 3 } });
    const first = await s.submit('read-line');
    await s.core.call('settings.projectLimit', { projectId: first.projectId, maxConcurrent: 1 });
    const second = await s.submit('read-line');
    await s.waitState(first.id, 'running');
    await new Promise((r) => setTimeout(r, 150));
    expect(s.core.store.tasks.get(second.id)!.state).toBe('queued');
    // Raising the limit starts the waiting task without waiting for anything else to happen.
    await s.core.call('settings.projectLimit', { projectId: first.projectId, maxConcurrent: 2 });
    await s.waitState(second.id, 'running');
    for (const t of [first, second]) await s.core.call('runs.write', { taskId: t.id, data: 'go\r' });
    for (const t of [first, second]) await s.waitState(t.id, 'no_changes');
  });
  // Issue 18, bug 10: a queue stalled behind an agent that waits for a person said only "slots are busy".
  it('says when a queued task waits behind agents that wait for your answer', async () => {
    const s = setupScheduler({ config: { maxConcurrent: 1 } });
    const first = await s.submit('read-line');
    await s.waitState(first.id, 'running');
    const second = await s.submit('say later');
    expect(s.core.scheduler.whyWaiting(second.id)).toBe('all 1 agent slot is busy (maxConcurrent 1); it starts when one is free');
    expect(s.core.transition(first.id, 'ask', { reason: 'test: the agent asks for permission' })).toBeTruthy();
    const why = s.core.scheduler.whyWaiting(second.id)!;
    expect(why).toBe(`${first.id} waits for your answer and holds 1 of the 1 agent slot (maxConcurrent 1): answer in Needs you to free a slot`);
    const { waiting } = await s.core.call('tasks.waiting', {});
    expect(waiting).toEqual([{ taskId: second.id, reason: why }]);
    expect(s.core.transition(first.id, 'answer', { reason: 'test: answered' })).toBeTruthy();
    await s.core.call('runs.write', { taskId: first.id, data: 'go\r' });
    for (const t of [first, second]) await s.waitState(t.id, 'no_changes');
    expect((await s.core.call('tasks.waiting', {})).waiting).toEqual([]);
  });
});
