import { describe, expect, it } from 'vitest';
import { TASK_STATES } from '../../../shared/models/task.js';
import { baseName, formatAge, formatSpan, promptTitle, stateLabel, taskDuration } from '../../../renderer/lib/format.js';
import { isShortcut, shortcutLabel } from '../../../renderer/lib/platform.js';

describe('format', () => {
  it('writes spans compactly', () => {
    expect([0, 12_400, 65_000, 3_725_000, 90_000_000].map(formatSpan)).toEqual(['0s', '12s', '1m 05s', '1h 02m', '1d 1h']);
    expect(formatSpan(-5)).toBe('0s');
  });

  it('writes ages relative to now', () => {
    const now = Date.parse('2026-01-02T00:00:00Z');
    const ago = (ms: number) => formatAge(new Date(now - ms).toISOString(), now);
    expect([ago(3000), ago(30_000), ago(5 * 60_000), ago(3 * 3_600_000), ago(49 * 3_600_000)]).toEqual(['just now', '30s ago', '5m ago', '3h ago', '2d ago']);
    expect(formatAge('not a date', now)).toBe('');
  });

  it('measures a task from its start to its end, or to now while it runs', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(taskDuration({ startedAt: null, endedAt: null }, now)).toBeNull();
    expect(taskDuration({ startedAt: '2026-01-01T00:00:00Z', endedAt: null }, now)).toBe(600_000);
    expect(taskDuration({ startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:01:00Z' }, now)).toBe(60_000);
  });

  it('names folders, titles prompts and labels every state', () => {
    expect([baseName('/home/me/code/api/'), baseName('C:\\work\\web'), baseName('/')]).toEqual(['api', 'web', '/']);
    expect(promptTitle('  Fix it\nmore detail')).toBe('Fix it');
    expect(promptTitle('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
    for (const s of TASK_STATES) expect(stateLabel(s)).toMatch(/^[A-Z][a-z ]+$/);
  });
});

describe('platform shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('uses ⌘ on macOS and Ctrl elsewhere', () => {
    expect(isShortcut(key('n', { ctrlKey: true }), 'n', 'Linux x86_64')).toBe(true);
    expect(isShortcut(key('N', { ctrlKey: true }), 'n', 'Win32')).toBe(true);
    expect(isShortcut(key('n', { metaKey: true }), 'n', 'Linux x86_64')).toBe(false);
    expect(isShortcut(key('n', { metaKey: true }), 'n', 'MacIntel')).toBe(true);
    expect(isShortcut(key('n', { ctrlKey: true }), 'n', 'MacIntel')).toBe(false);
    expect(isShortcut(key('n', { ctrlKey: true, shiftKey: true }), 'n', 'Linux')).toBe(false);
    expect([shortcutLabel('N', 'MacIntel'), shortcutLabel('N', 'Linux')]).toEqual(['⌘N', 'Ctrl+N']);
  });
});
