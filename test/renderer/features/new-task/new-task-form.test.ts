import { describe, expect, it } from 'vitest';
import { requests } from '../../../../shared/contract.js';
import { buildCreateInput, emptyForm, fieldOf, OTHER_PROJECT, projectsOn, recentProjects } from '../../../../renderer/features/new-task/new-task-form.js';
import { makeTask } from '../../support/make-task.js';

describe('buildCreateInput', () => {
  it('builds an input the contract accepts, leaving defaults to the core', () => {
    const built = buildCreateInput({ ...emptyForm('/code/api'), prompt: '  Add tests  ', ttlMinutes: '45', constraints: 'No new deps\n\n  Keep API  \n' });
    expect(built).toEqual({ input: { projectDir: '/code/api', prompt: 'Add tests', ttlSeconds: 2700, constraints: ['No new deps', 'Keep API'] } });
    if (!('input' in built)) throw new Error('unreachable');
    expect(requests['tasks.create'].input.safeParse(built.input).success).toBe(true);
    expect(buildCreateInput({ ...emptyForm('/p'), prompt: 'x', agent: ' codex ' })).toEqual({ input: { projectDir: '/p', prompt: 'x', agent: 'codex' } });
  });

  it('uses the typed folder for "Another folder…"', () => {
    expect(buildCreateInput({ ...emptyForm(OTHER_PROJECT), otherDir: ' ~/code/new ', prompt: 'x' })).toEqual({ input: { projectDir: '~/code/new', prompt: 'x' } });
  });

  it('names each wrong field and says how to fix it', () => {
    expect(buildCreateInput({ ...emptyForm(OTHER_PROJECT), prompt: ' ', ttlMinutes: '0' })).toEqual({
      errors: { projectDir: 'Type the project’s folder path.', prompt: 'Say what the agent should do.', ttlSeconds: 'Give the time limit in minutes, from 1 to 1440.' },
    });
    expect(buildCreateInput({ ...emptyForm('/p'), prompt: 'x', ttlMinutes: 'soon' })).toHaveProperty('errors.ttlSeconds');
  });

  it('maps the core’s field paths onto form fields', () => {
    expect([fieldOf('prompt'), fieldOf('constraints.2'), fieldOf('callbackUrl'), fieldOf('agents')]).toEqual(['prompt', 'constraints', null, 'agent']);
  });

  it('makes a best-of-N group of the picked agent and the ticked ones, and needs the first agent named', () => {
    const built = buildCreateInput({ ...emptyForm('/p'), prompt: 'x', agent: 'claude', alsoAgents: ['codex', 'claude', 'gemini'] });
    expect(built).toEqual({ input: { projectDir: '/p', prompt: 'x', agents: ['claude', 'codex', 'gemini'] } });
    if (!('input' in built)) throw new Error('unreachable');
    expect(requests['tasks.create'].input.safeParse(built.input).success).toBe(true);
    expect(buildCreateInput({ ...emptyForm('/p'), prompt: 'x', alsoAgents: ['codex'] })).toEqual({
      errors: { agent: 'Pick the first agent too: a group runs exactly the agents you name.' },
    });
  });
});

describe('the host picker', () => {
  it('sends the picked host with the path on it, and nothing for this machine', () => {
    const built = buildCreateInput({ ...emptyForm(OTHER_PROJECT, 'box'), otherDir: ' ~/src/shop ', prompt: 'x' });
    expect(built).toEqual({ input: { projectDir: '~/src/shop', prompt: 'x', host: 'box' } });
    if (!('input' in built)) throw new Error('unreachable');
    expect(requests['tasks.create'].input.safeParse(built.input).success).toBe(true);
    expect(buildCreateInput({ ...emptyForm('/p'), prompt: 'x' })).toEqual({ input: { projectDir: '/p', prompt: 'x' } });
    expect(fieldOf('host')).toBe('host');
  });

  it('lists the projects of the picked host only (the same path on two machines is two projects)', () => {
    const p = (id: number, host: string | null) => ({ id, dir: '/src/shop', host, name: 'shop', settings: { copyFiles: [], applyMode: 'working-tree' as const }, createdAt: '2026-01-01T00:00:00Z' });
    const projects = [p(1, null), p(2, 'box'), p(3, 'gpu'), { ...p(4, null), host: undefined }];
    expect(projectsOn(projects, '').map((x) => x.id)).toEqual([1, 4]);
    expect(projectsOn(projects, 'box').map((x) => x.id)).toEqual([2]);
  });
});

describe('recentProjects', () => {
  it('puts the projects used most recently first, then the newest added', () => {
    const p = (id: number, createdAt: string) => ({ id, dir: `/p${id}`, name: `p${id}`, settings: { copyFiles: [], applyMode: 'working-tree' as const }, createdAt });
    const projects = [p(1, '2026-01-01T00:00:00Z'), p(2, '2026-01-02T00:00:00Z'), p(3, '2026-01-03T00:00:00Z'), p(4, '2026-01-04T00:00:00Z')];
    const tasks = [makeTask({ projectId: 1, createdAt: '2026-02-01T00:00:00Z' }), makeTask({ projectId: 2, createdAt: '2026-03-01T00:00:00Z' })];
    expect(recentProjects(projects, tasks).map((x) => x.id)).toEqual([2, 1, 4, 3]);
  });
});
