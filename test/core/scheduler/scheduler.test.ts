import { homeKeyOf } from '../../../electron/core/runners/process-control/process-control.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, livePids, waitFor } from '../../fixtures/fake-claude-kit.js';
import { createScheduler } from '../../../electron/core/scheduler/scheduler.js';
import { createPtyRunner } from '../../../electron/core/runners/pty-runner.js';
import { createLiveRuns } from '../../../electron/core/runners/live-runs.js';
import type { Workspace } from '../../../electron/core/git/workspace.js';
import { setupScheduler } from './setup.js';

describe('scheduler', () => {
  it('cancels a running task (its agent dies) and a queued one (it leaves the queue)', async () => {
    const s = setupScheduler({ config: { maxConcurrent: 1 } });
    const running = await s.submit('spawn-child\nhang');
    const queued = await s.submit('say never');
    await s.waitState(running.id, 'running');
    const [child] = await waitFor(() => livePids(s.pidDir, 'children').length === 1 && livePids(s.pidDir, 'children'), 5000, 'the child');
    expect(await s.core.call('tasks.cancel', { id: queued.id })).toMatchObject({ state: 'cancelled', errorType: 'cancelled' });
    const { pid } = s.core.store.runs.latest(running.id)!;
    expect(isAlive(pid!)).toBe(true);
    expect(await s.core.call('tasks.cancel', { id: running.id })).toMatchObject({ state: 'cancelled', errorType: 'cancelled' });
    expect(isAlive(pid!)).toBe(false);
    await waitFor(() => !isAlive(child), 2000, 'the child to die');
    expect(s.core.store.runs.forTask(queued.id)).toEqual([]);
    expect(s.core.store.audit.forTask(running.id).at(-1)).toMatchObject({ kind: 'task.state', actor: 'user', data: { from: 'running', to: 'cancelled' } });
  });

  it('cancels a task while its workspace is still being prepared: no agent is started', async () => {
    const s = setupScheduler({ start: false });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const workspace: Workspace = { ...s.core.workspace, prepare: async (task) => (await gate, s.core.workspace.prepare(task)) };
    const { store, bus, clock, config, transition, agents } = s.core;
    const scheduler = createScheduler({ store, bus, clock, config, transition, workspace, registry: agents, runners: { pty: createPtyRunner() }, live: createLiveRuns(), instanceId: 'test', homeKey: homeKeyOf(s.home) });
    scheduler.start();
    const t = await s.submit('say hi');
    await s.waitState(t.id, 'preparing');
    const cancelling = scheduler.cancelActive(t.id);
    release();
    await cancelling;
    expect(s.task(t.id)).toMatchObject({ state: 'cancelled', errorType: 'cancelled' });
    expect(store.runs.forTask(t.id)).toEqual([]);
    await scheduler.dispose();
  });

  it('stops a hung agent and its child at the TTL: timed_out, not retried', async () => {
    const s = setupScheduler({ ttlMs: 700, config: { retry: { timeout: { maxAttempts: 3, backoffSeconds: 0 } } } });
    const t = await s.submit('ignore-signals\nspawn-child\nhang');
    await s.waitState(t.id, 'running');
    const [child] = await waitFor(() => livePids(s.pidDir, 'children').length === 1 && livePids(s.pidDir, 'children'), 5000, 'the child');
    const done = await s.waitState(t.id, 'timed_out', 5000);
    expect(done).toMatchObject({ errorType: 'timeout', retryCount: 0 });
    expect(done.error).toMatch(/ran past its time limit/);
    const runs = s.core.store.runs.forTask(t.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ errorType: 'timeout', signal: 'SIGKILL' }); // it ignored SIGTERM
    expect(isAlive(runs[0].pid!)).toBe(false);
    await waitFor(() => !isAlive(child), 2000, 'the child to die');
  });

  it('retries rate limits with backoff as new runs, inside the limits, and fails auth errors at once', async () => {
    const s = setupScheduler({ config: { retry: { rate_limit: { maxAttempts: 2, backoffSeconds: 0.2 } } } });
    const marker = join(s.home, 'rl-marker');
    const limited = await s.submit(`once ${marker} fail rate_limit\nwrite ok.txt ok`);
    const auth = await s.submit('fail auth');
    const done = await s.waitState(limited.id, 'awaiting_review');
    expect(done.retryCount).toBe(1);
    const runs = s.core.store.runs.forTask(limited.id);
    expect(runs.map((r) => [r.attempt, r.errorType])).toEqual([[1, 'rate_limit'], [2, null]]);
    expect(Date.parse(runs[1].startedAt) - Date.parse(runs[0].endedAt!)).toBeGreaterThanOrEqual(150);
    const failed = await s.waitState(auth.id, 'failed');
    expect(failed.errorType).toBe('auth');
    expect(failed.error).toMatch(/Invalid API key.*\/login/);
    expect(s.core.store.runs.forTask(auth.id)).toHaveLength(1);
  });

  it('waits out a usage limit until the reset the agent named, without using up a retry', async () => {
    const s = setupScheduler({ config: { retry: { rate_limit: { maxAttempts: 0, backoffSeconds: 0 } } } });
    const marker = join(s.home, 'ul-marker');
    const t = await s.submit(`once ${marker} fail usage_limit\nwrite ok.txt ok`);
    const waiting = await waitFor(() => (s.task(t.id).state === 'queued' && s.task(t.id).errorType ? s.task(t.id) : null), 15_000, 'the task to wait');
    expect(waiting).toMatchObject({ errorType: 'rate_limit', retryCount: 0 });
    expect(waiting.error).toMatch(/usage limit reached\|\d+\. The task waits until \d{4}-.*Z, when the limit resets, and runs again then\./);
    const done = await s.waitState(t.id, 'awaiting_review', 20_000);
    expect(done.retryCount).toBe(0);
    const runs = s.core.store.runs.forTask(t.id);
    expect(runs.map((r) => r.errorType)).toEqual(['rate_limit', null]);
  });

  it('fails a task at once when its agent is not installed', async () => {
    const s = setupScheduler({ config: { agents: { ghost: { command: '/nonexistent/ghost-agent' } } } });
    const t = await s.submit('say hi', { agent: 'ghost' });
    const failed = await s.waitState(t.id, 'failed', 2000);
    expect(failed.errorType).toBe('agent_unavailable');
    expect(failed.error).toMatch(/agent ghost is not installed: `\/nonexistent\/ghost-agent` was not found/);
    expect(s.core.store.runs.forTask(t.id)).toEqual([]);
  });

  it('flags a "successful" run whose edits were denied instead of reporting a clean success', async () => {
    const s = setupScheduler({ config: { agents: { claude: { args: ['--print', '--output-format', 'stream-json', '--verbose'] } } } });
    const t = await s.submit('write a.txt hello');
    const done = await s.waitState(t.id, 'failed');
    expect(done.errorType).toBe('permission_denied');
    expect(done.error).toMatch(/1 tool use was denied/);
    expect(s.core.store.runs.latest(t.id)!.flags).toEqual([expect.stringMatching(/^permission_denials: 1/)]);
  });

  it('flags a run that ends with no changes after failed tool calls, on the run and the task', async () => {
    const s = setupScheduler();
    const t = await s.submit('bash-fail npm run format\nbash-fail npx prettier --write .\nsay I could not format the code');
    const done = await s.waitState(t.id, 'no_changes');
    expect(s.core.store.runs.latest(t.id)!.flags).toEqual(['failed_tool_calls: 2 tool calls failed (last: Exit code 1)']);
    expect(done.error).toBe('the agent made no changes, and 2 tool calls failed (last: Exit code 1): read its transcript, then retry or follow up.');
    expect(done.errorType).toBeNull();
  });

  it('runs a follow-up in the same worktree and resumes the agent session', async () => {
    const s = setupScheduler();
    const t = await s.submit('write a.txt first');
    const first = await s.waitState(t.id, 'awaiting_review');
    const session = s.core.store.runs.latest(t.id)!.sessionId!;
    await s.core.call('tasks.followUp', { taskId: t.id, message: 'write b.txt second' });
    const second = await s.waitState(t.id, 'awaiting_review');
    expect(second.worktreePath).toBe(first.worktreePath);
    expect(readFileSync(join(second.worktreePath!, 'a.txt'), 'utf8')).toBe('first');
    expect(readFileSync(join(second.worktreePath!, 'b.txt'), 'utf8')).toBe('second');
    const runs = s.core.store.runs.forTask(t.id);
    expect(runs).toHaveLength(2);
    expect(runs[1].sessionId).toBe(session);
    const { events } = await s.core.call('runs.events', { taskId: t.id });
    expect(events.find((e) => e.kind === 'text')?.data).toEqual({ text: `Resuming session ${session}.` });
  });

  it('streams a live run to a late viewer and takes input through the contract', async () => {
    const s = setupScheduler();
    const t = await s.submit('say ready\nread-line\nsay bye');
    await s.waitState(t.id, 'running');
    await waitFor(() => s.core.store.events.list(s.core.store.runs.latest(t.id)!.id, t.id).some((e) => e.kind === 'text'), 5000, 'ready');
    const got = new Map<number, string>();
    s.core.bus.on('run.output', (e) => void (e.taskId === t.id && got.set(e.seq, e.data)));
    const replay = await s.core.call('runs.output', { taskId: t.id });
    expect(replay.live).toBe(true);
    for (const c of replay.chunks) got.set(c.seq, c.data);
    await s.core.call('runs.resize', { taskId: t.id, cols: 90, rows: 20 });
    await s.core.call('runs.write', { taskId: t.id, data: 'typed by a person\r' });
    const done = await s.waitState(t.id, 'no_changes');
    // Nothing to review: the worktree is removed at once.
    expect(done.worktreePath).toBeTruthy();
    await waitFor(() => !existsSync(done.worktreePath!), 5000, 'worktree removed');
    const seqs = [...got.keys()].sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const text = seqs.map((q) => got.get(q)).join('');
    const stored = (await s.core.call('runs.output', { taskId: t.id })).chunks.map((c) => c.data).join('');
    expect(text).toBe(stored);
    expect(text).toContain('got: typed by a person');
    const { events } = await s.core.call('runs.events', { taskId: t.id });
    expect(events.map((e) => e.kind)).toEqual(['session', 'text', 'text', 'text', 'result']);
    await expect(s.core.call('runs.write', { taskId: t.id, data: 'x' })).rejects.toThrow(/no running agent/);
  });
});
