import { describe, expect, it } from 'vitest';
import { buildTrayMenu, MAX_TASKS_PER_SECTION, taskLabel, type TrayItem, type TrayState, type TrayTask } from '../../electron/main/tray-menu.js';

const task = (n: number, over: Partial<TrayTask> = {}): TrayTask => ({ id: `dispatch-${n}`, projectDir: `/home/me/proj${n}`, prompt: `do thing ${n}`, agent: 'claude', ...over });
const state = (over: Partial<TrayState> = {}): TrayState => ({ counts: { running: 0, awaitingReview: 0, awaitingInput: 0 }, awaitingReview: [], awaitingInput: [], interactive: [], ...over });
const labels = (items: TrayItem[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const find = (items: TrayItem[], label: string) => items.find((i) => i.type === 'item' && i.label === label) as Extract<TrayItem, { type: 'item' }>;

describe('buildTrayMenu', () => {
  it('shows counts, Show and Quit when nothing waits', () => {
    const m = buildTrayMenu(state({ counts: { running: 2, awaitingReview: 0, awaitingInput: 0 } }));
    expect(labels(m.items)).toEqual(['Running: 2', 'Awaiting review: 0', 'Awaiting input: 0', '---', 'Show Switchboard', 'Quit Switchboard', 'Quit and stop agents']);
    expect(m.tooltip).toBe('Switchboard: 2 running');
    expect(m.attention).toBe(false);
    expect(find(m.items, 'Quit Switchboard').action).toEqual({ kind: 'quit', mode: 'leave' });
    expect(find(m.items, 'Quit and stop agents').action).toEqual({ kind: 'quit', mode: 'stop' });
    expect(find(m.items, 'Running: 2').enabled).toBe(false);
  });

  it('lists tasks awaiting review with Approve / Reject / Open and tasks awaiting input with Open', () => {
    const m = buildTrayMenu(
      state({ counts: { running: 1, awaitingReview: 1, awaitingInput: 1 }, awaitingReview: [task(1)], awaitingInput: [task(2)] }),
    );
    expect(m.tooltip).toBe('Switchboard: 1 running, 1 awaiting review, 1 awaiting input');
    expect(m.attention).toBe(true);
    const review = find(m.items, 'proj1: do thing 1');
    expect(review.submenu!.map((i) => i.type === 'item' && [i.label, i.action])).toEqual([
      ['Approve', { kind: 'approve', taskId: 'dispatch-1' }],
      ['Reject', { kind: 'reject', taskId: 'dispatch-1' }],
      ['Open', { kind: 'open', taskId: 'dispatch-1' }],
    ]);
    const input = find(m.items, 'proj2: do thing 2');
    expect(input.submenu!.map((i) => i.type === 'item' && [i.label, i.action])).toEqual([['Open', { kind: 'open', taskId: 'dispatch-2' }]]);
    expect(labels(m.items).indexOf('Awaiting review')).toBeLessThan(labels(m.items).indexOf('proj1: do thing 1'));
    expect(labels(m.items).indexOf('Awaiting input')).toBeLessThan(labels(m.items).indexOf('proj2: do thing 2'));
  });

  it('offers Done and Open for a task whose interactive agent is running', () => {
    const m = buildTrayMenu(state({ counts: { running: 1, awaitingReview: 0, awaitingInput: 0 }, interactive: [task(3)] }));
    expect(labels(m.items)).toContain('Interactive');
    expect(find(m.items, 'proj3: do thing 3').submenu!.map((i) => i.type === 'item' && [i.label, i.action])).toEqual([
      ['Done (send to review)', { kind: 'done', taskId: 'dispatch-3' }],
      ['Open', { kind: 'open', taskId: 'dispatch-3' }],
    ]);
    expect(labels(buildTrayMenu(state()).items)).not.toContain('Interactive');
  });

  it('caps each section and offers the rest in the window', () => {
    const many = Array.from({ length: MAX_TASKS_PER_SECTION }, (_, i) => task(i));
    const m = buildTrayMenu(state({ counts: { running: 0, awaitingReview: 20, awaitingInput: 0 }, awaitingReview: many }));
    const taskItems = m.items.filter((i) => i.type === 'item' && i.submenu);
    expect(taskItems).toHaveLength(MAX_TASKS_PER_SECTION);
    expect(find(m.items, `${20 - MAX_TASKS_PER_SECTION} more tasks…`).action).toEqual({ kind: 'show' });
  });

  it('makes one bounded line of a long, multi-line prompt', () => {
    const label = taskLabel(task(1, { prompt: 'first line\nsecond line '.repeat(20), projectDir: 'C:\\work\\app\\' }));
    expect(label).not.toContain('\n');
    expect(label.startsWith('app: first line second line')).toBe(true);
    expect(label.length).toBeLessThanOrEqual(60);
  });
});
