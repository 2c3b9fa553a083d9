import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { createStore } from '../../electron/core/store/index.js';
import { createBus } from '../../electron/core/bus.js';
import { createTransition } from '../../electron/core/tasks/transition.js';
import { AppError } from '../../electron/core/errors.js';
import { tempDir } from '../helpers/temp.js';
import { driveTo } from '../helpers/drive-task.js';

describe('core', () => {
  it('creates, lists, gets, cancels and retries tasks through the contract', async () => {
    const home = tempDir();
    const project = join(home, 'proj');
    mkdirSync(project);
    const core = createCore({ home, userHome: home });
    const created = await core.call('tasks.create', { projectDir: project, prompt: 'add a README', agent: 'claude' });
    expect(created).toMatchObject({ state: 'queued', agent: 'claude', projectDir: project, prompt: 'add a README' });
    expect(created.id).toMatch(/^dispatch-/);
    const list = await core.call('tasks.list', { projectDir: project });
    expect(list.tasks.map((t) => t.id)).toEqual([created.id]);
    expect((await core.call('tasks.get', { id: created.id })).task.id).toBe(created.id);
    expect((await core.call('tasks.cancel', { id: created.id })).state).toBe('cancelled');
    expect((await core.call('tasks.retry', { id: created.id })).state).toBe('queued');
    expect(core.status().counts.queued).toBe(1);
    await core.dispose();
  });

  // Issue 18, "retry with changes": the prompt, agent and time limit edited on retry replace the task's.
  it('retries a task with a new prompt, agent and time limit, and audits what changed', async () => {
    const home = tempDir();
    const project = join(home, 'proj');
    mkdirSync(project);
    writeFileSync(join(home, 'config.json'), JSON.stringify({ agents: { argv: { command: 'echo' } } }));
    const core = createCore({ home, userHome: home });
    const created = await core.call('tasks.create', { projectDir: project, prompt: 'add a README', agent: 'claude', ttlSeconds: 600 });
    await core.call('tasks.cancel', { id: created.id });
    const retried = await core.call('tasks.retry', { id: created.id, prompt: 'add a README and a LICENSE', agent: 'codex', ttlSeconds: 1200 });
    expect(retried).toMatchObject({ state: 'queued', prompt: 'add a README and a LICENSE', agent: 'codex', ttlSeconds: 1200, error: null });
    const audit = core.store.db.prepare("SELECT data FROM audit WHERE task_id = ? AND data LIKE '%retried by user%'").all(created.id) as { data: string }[];
    expect(audit.map((a) => JSON.parse(a.data).reason)).toEqual(['retried by user with a new prompt, agent, time limit']);
    // Nothing changed: a plain retry, and a prompt the agent cannot take is refused before anything moves.
    await core.call('tasks.cancel', { id: created.id });
    const huge = 'x'.repeat(200_000);
    await expect(core.call('tasks.retry', { id: created.id, prompt: huge, agent: 'argv' })).rejects.toThrow(/task refused: the prompt is 196 KiB, and agent argv takes its prompt on the command line/);
    expect((await core.call('tasks.get', { id: created.id })).task).toMatchObject({ state: 'cancelled', prompt: 'add a README and a LICENSE' });
    await core.dispose();
  });

  it('answers bad input with an error that names the field', async () => {
    const core = createCore({ home: tempDir() });
    const err = await core.call('tasks.create', { projectDir: '/nope', prompt: '' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/prompt/);
    const missing = await core.call('tasks.create', { projectDir: '/definitely/not/here', prompt: 'x' }).catch((e) => e);
    expect(missing.message).toMatch(/does not exist/);
    const unknown = (await core.call('tasks.nope', {}).catch((e: unknown) => e)) as AppError;
    expect(unknown.code).toBe('not_found');
    await core.dispose();
  });

  it('brings a task the store had as running back as interrupted after a crash', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'proj'));
    const core = createCore({ home, userHome: home });
    const t = await core.call('tasks.create', { projectDir: join(home, 'proj'), prompt: 'x' });
    const other = await core.call('tasks.create', { projectDir: join(home, 'proj'), prompt: 'y' });
    // Simulate a runner that got as far as running, then the process died without cleaning up.
    const store = createStore(core.paths.db);
    const transition = createTransition({ store, bus: createBus(), clock: { now: () => Date.now() } });
    driveTo(transition, t.id, 'queued', 'preparing');
    driveTo(transition, t.id, 'preparing', 'running');
    store.dispose();
    await core.dispose();

    const again = createCore({ home, userHome: home });
    const { task } = await again.call('tasks.get', { id: t.id });
    expect(task).toMatchObject({ state: 'interrupted', errorType: 'interrupted' });
    expect((await again.call('tasks.get', { id: other.id })).task.state).not.toBe('interrupted');
    await again.dispose();
  });
});
