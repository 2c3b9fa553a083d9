import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCore } from '../../../electron/core/create-core.js';
import type { AppError } from '../../../electron/core/errors.js';
import { TASK_ID_RE } from '../../../shared/models/task.js';
import { scratchDir } from './harness.js';

function core(config: Record<string, unknown> = {}) {
  const userHome = scratchDir('sb-user-');
  const home = join(userHome, '.switchboard');
  mkdirSync(home);
  writeFileSync(join(home, 'config.json'), JSON.stringify(config));
  const project = join(userHome, 'code', 'app');
  mkdirSync(project, { recursive: true });
  const c = createCore({ home, userHome });
  onTestFinished(() => c.dispose());
  return { c, project, userHome };
}

describe('tasks.create goes through the dispatch path', () => {
  it('gets a dispatch-form id, the same prompt composition and the dispatch fields', async () => {
    const { c, project } = core();
    const t = await c.call('tasks.create', { projectDir: project, prompt: 'add a README', constraints: ['markdown only'], ttlSeconds: 120, priority: 3 });
    expect(t.id).toMatch(TASK_ID_RE);
    expect(t).toMatchObject({ source: 'api', projectDir: project, ttlSeconds: 120, priority: 3, meta: { project: 'app', constraints: ['markdown only'] } });
    expect(t.prompt).toBe('add a README\n\n<constraints>\nFollow every one of these:\n- markdown only\n</constraints>');
  });

  it('is validated by the dispatch schema and names the caller\'s fields', async () => {
    const { c, project } = core();
    const err = (await c.call('tasks.create', { projectDir: project, prompt: '   ' }).catch((e) => e)) as AppError;
    expect(err.code).toBe('invalid_input');
    expect(err.details).toEqual([{ path: 'prompt', message: 'expected a non-empty task description, got string "   "' }]);
    const rel = (await c.call('tasks.create', { projectDir: 'code/app', prompt: 'x' }).catch((e) => e)) as AppError;
    expect(rel.details?.[0].path).toBe('projectDir');
  });

  it('applies the trust rules: under the user home by default, trustedRoots when set', async () => {
    const outside = scratchDir('sb-outside-');
    const { c, project, userHome } = core();
    await expect(c.call('tasks.create', { projectDir: project, prompt: 'x' })).resolves.toMatchObject({ state: 'queued' });
    const err = (await c.call('tasks.create', { projectDir: outside, prompt: 'x' }).catch((e) => e)) as AppError;
    expect(err.message).toMatch(/not under your home directory .*trustedRoots is not set/);
    expect(c.status().warnings.join(' ')).toMatch(/trustedRoots is not set/);
    await expect(c.call('tasks.create', { projectDir: userHome, prompt: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });

    const strict = core({ trustedRoots: [outside] });
    await expect(strict.c.call('tasks.create', { projectDir: outside, prompt: 'x' })).resolves.toMatchObject({ projectDir: outside });
    const denied = (await strict.c.call('tasks.create', { projectDir: strict.project, prompt: 'x' }).catch((e) => e)) as AppError;
    expect(denied.message).toMatch(/outside the trusted roots/);
  });

  it('starts the inbox with the core and stops it with the core', async () => {
    const { c, project } = core();
    expect(c.dispatch.dirs()).toEqual([c.paths.dispatch]);
    writeFileSync(join(c.paths.dispatch, 'x.json'), JSON.stringify({ id: 'dispatch-core', dispatched_by: 't', task: 'hi', project: 'app', project_dir: project }));
    for (let i = 0; i < 400 && !c.store.tasks.get('dispatch-core'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(c.store.tasks.get('dispatch-core')?.source).toBe('dispatch');
    await c.dispose();
  });
});
