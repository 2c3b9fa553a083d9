import { describe, expect, it } from 'vitest';
import { Config } from '../../../../shared/models/config.js';
import type { Project } from '../../../../shared/models/project.js';
import { ConfigPatch, type SettingsView } from '../../../../shared/models/settings.js';
import { changesFrom, draftFrom, fieldErrorsFrom, hasChanges } from '../../../../renderer/features/settings/settings-form.js';

const view = (over: Record<string, unknown> = {}, secret = false): SettingsView => ({
  config: { ...Config.parse(over), dispatchSecret: { set: secret }, githubToken: { set: false }, agents: {} },
  error: null,
  file: '/home/u/.switchboard/config.json',
  revision: 'r1',
  localOnlyForced: false,
});
const project = (id: number, maxConcurrent?: number): Project => ({ id, dir: `/code/p${id}`, name: `p${id}`, settings: { copyFiles: [], applyMode: 'working-tree', maxConcurrent }, createdAt: '2026-01-01T00:00:00Z' });

describe('the settings form', () => {
  it('has no changes until something is edited', () => {
    const v = view({ maxConcurrent: 3, trustedRoots: ['/code'] }, true);
    const ch = changesFrom(v, [project(1, 2)], draftFrom(v));
    expect(ch).toEqual({ patch: {}, projectLimits: [], errors: {} });
    expect(hasChanges(ch)).toBe(false);
  });

  it('turns MCP approval on and off as mcp.allowApprove', () => {
    const off = view();
    expect(draftFrom(off).mcpAllowApprove).toBe(false);
    const on = changesFrom(off, [], { ...draftFrom(off), mcpAllowApprove: true });
    expect(on.patch).toEqual({ mcp: { allowApprove: true } });
    expect(ConfigPatch.parse(on.patch)).toEqual(on.patch);
    const was = view({ mcp: { allowApprove: true } });
    expect(changesFrom(was, [], { ...draftFrom(was), mcpAllowApprove: false }).patch).toEqual({ mcp: { allowApprove: false } });
  });

  it('turns each kind of notification on and off as config.json notifications, all on by default', () => {
    const v = view();
    expect(draftFrom(v).notifications).toEqual({ review: true, input: true, failed: true });
    const off = changesFrom(v, [], { ...draftFrom(v), notifications: { review: true, input: false, failed: true } });
    expect(off.patch).toEqual({ notifications: { review: true, input: false, failed: true } });
    expect(ConfigPatch.parse(off.patch)).toEqual(off.patch);
    const was = view({ notifications: { review: true, input: false, failed: true } });
    expect(changesFrom(was, [], draftFrom(was)).patch).toEqual({});
  });

  it('sends only what changed, as a patch the contract accepts', () => {
    const v = view({ maxConcurrent: 3, trustedRoots: ['/code'], dispatchDirs: ['/in'] }, true);
    const d = draftFrom(v);
    const ch = changesFrom(v, [project(1), project(2, 4)], {
      ...d,
      maxConcurrent: '5',
      maxConcurrentPerProject: '1',
      trustedRoots: ['/code', ' ~/work '],
      dispatchDirs: [],
      permissionPolicy: 'allow-all',
      localOnly: true,
      dispatchSecret: { kind: 'clear' },
      projectLimits: { 1: '2', 2: '' },
    });
    expect(ch.patch).toEqual({ maxConcurrent: 5, maxConcurrentPerProject: 1, trustedRoots: ['/code', '~/work'], dispatchDirs: null, permissionPolicy: 'allow-all', localOnly: true, dispatchSecret: null });
    expect(ConfigPatch.parse(ch.patch)).toEqual(ch.patch);
    expect(ch.projectLimits).toEqual([
      { projectId: 1, maxConcurrent: 2 },
      { projectId: 2, maxConcurrent: null },
    ]);
  });

  it('turns an emptied trusted-roots list into "not set", never "trust nothing"', () => {
    const v = view({ trustedRoots: ['/code'] });
    expect(changesFrom(v, [], { ...draftFrom(v), trustedRoots: [] }).patch).toEqual({ trustedRoots: null });
    const unset = view();
    expect(draftFrom(unset).trustedRoots).toBeNull();
    expect(changesFrom(unset, [], { ...draftFrom(unset), trustedRoots: [] }).patch).toEqual({});
  });

  it('sets a new secret only when one was typed, and clears only a set one', () => {
    const v = view({}, false);
    expect(changesFrom(v, [], { ...draftFrom(v), dispatchSecret: { kind: 'set', value: 's3cret' } }).patch).toEqual({ dispatchSecret: 's3cret' });
    expect(changesFrom(v, [], { ...draftFrom(v), dispatchSecret: { kind: 'set', value: '' } }).errors.dispatchSecret).toMatch(/Type the new secret/);
    expect(changesFrom(v, [], { ...draftFrom(v), dispatchSecret: { kind: 'clear' } }).patch).toEqual({});
  });

  it('catches numbers that are not whole numbers before asking the core, and an empty limit means the default', () => {
    const v = view({ maxConcurrent: 4 });
    const ch = changesFrom(v, [project(1)], { ...draftFrom(v), maxConcurrent: '2.5', projectLimits: { 1: 'x' } });
    expect(ch.errors).toEqual({ maxConcurrent: expect.stringMatching(/whole number/), 'projects.1': expect.stringMatching(/whole number/) });
    expect(changesFrom(v, [], { ...draftFrom(v), maxConcurrent: '' }).patch).toEqual({ maxConcurrent: null });
  });

  it('places the core’s errors by config path, with or without the patch. prefix', () => {
    expect(
      fieldErrorsFrom([
        { path: 'patch.maxConcurrent', message: 'Too big' },
        { path: 'trustedRoots.1', message: 'must be absolute' },
        { path: 'patch', message: 'Unrecognized key' },
      ]),
    ).toEqual({ maxConcurrent: 'Too big', 'trustedRoots.1': 'must be absolute', '(settings)': 'Unrecognized key' });
  });
});
