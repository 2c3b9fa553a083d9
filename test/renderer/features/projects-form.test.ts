import { describe, expect, it } from 'vitest';
import type { Project } from '../../../shared/models/project.js';
import { hasProjectChanges, projectChanges, projectDraftFrom } from '../../../renderer/features/projects/project-settings-form.js';

const project: Project = { id: 3, host: null, dir: '/src/shop', name: 'shop', createdAt: '2026-12-01T00:00:00.000Z', settings: { applyMode: 'working-tree', copyFiles: ['.env'], maxConcurrent: 2 } };

describe('the project settings form', () => {
  it('sends nothing for an untouched draft', () => {
    const ch = projectChanges(project, projectDraftFrom(project));
    expect(ch).toEqual({ patch: {}, errors: {} });
    expect(hasProjectChanges(ch)).toBe(false);
  });

  it('sends only what changed, with null for a field cleared back to its default', () => {
    const ch = projectChanges(project, { name: ' web shop ', applyMode: 'commit', copyFiles: ['', '.env.local '], defaultAgent: 'codex', maxConcurrent: '' });
    expect(ch).toEqual({ patch: { applyMode: 'commit', copyFiles: ['.env.local'], defaultAgent: 'codex', maxConcurrent: null }, name: 'web shop', errors: {} });
    expect(projectChanges(project, { ...projectDraftFrom(project), copyFiles: [''] }).patch).toEqual({ copyFiles: null });
  });

  it('names the field of a bad limit or an empty name, and does not send the limit', () => {
    const ch = projectChanges(project, { ...projectDraftFrom(project), name: ' ', maxConcurrent: '2.5' });
    expect(ch.errors).toEqual({ name: 'a project needs a name', maxConcurrent: 'a whole number from 1 to 64, or empty for the default' });
    expect(ch.patch).toEqual({});
  });
});
