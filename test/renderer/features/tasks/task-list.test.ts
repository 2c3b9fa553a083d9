import { describe, expect, it } from 'vitest';
import { clickSelection, listRows, rowTasks, sortTasks } from '../../../../renderer/features/tasks/task-list.js';
import { DEFAULT_VIEW, formatTaskQuery, parseTaskQuery } from '../../../../renderer/features/tasks/task-view-url.js';
import { NO_FILTERS, matchesFilters } from '../../../../renderer/features/tasks/task-filters.js';
import { makeTask } from '../../support/make-task.js';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min)).toISOString();
const tasks = [
  makeTask({ id: 'dispatch-a', state: 'applied', agent: 'codex', projectDir: '/src/web', projectId: 2, createdAt: at(1), updatedAt: at(9) }),
  makeTask({ id: 'dispatch-b', state: 'queued', agent: 'claude', projectDir: '/src/api', projectId: 1, createdAt: at(2), updatedAt: at(3) }),
  makeTask({ id: 'dispatch-c', state: 'running', agent: 'codex', projectDir: '/src/api', projectId: 1, createdAt: at(3), updatedAt: at(5) }),
  makeTask({ id: 'dispatch-d', state: 'queued', agent: 'gemini', projectDir: '/src/web', projectId: 2, createdAt: at(4), updatedAt: at(4) }),
];
const ids = (ts: { id: string }[]) => ts.map((t) => t.id);

describe('the list view: sort and group', () => {
  it('sorts by updated or created (newest first), state (the order a task travels), project or agent (by name)', () => {
    expect(ids(sortTasks(tasks, 'updated'))).toEqual(['dispatch-a', 'dispatch-c', 'dispatch-d', 'dispatch-b']);
    expect(ids(sortTasks(tasks, 'created'))).toEqual(['dispatch-d', 'dispatch-c', 'dispatch-b', 'dispatch-a']);
    expect(ids(sortTasks(tasks, 'state'))).toEqual(['dispatch-d', 'dispatch-b', 'dispatch-c', 'dispatch-a']);
    expect(ids(sortTasks(tasks, 'project'))).toEqual(['dispatch-c', 'dispatch-b', 'dispatch-a', 'dispatch-d']);
    expect(ids(sortTasks(tasks, 'agent'))).toEqual(['dispatch-b', 'dispatch-a', 'dispatch-c', 'dispatch-d']);
    expect(ids(tasks)).toEqual(['dispatch-a', 'dispatch-b', 'dispatch-c', 'dispatch-d']); // not sorted in place
  });

  it('groups under one heading per project, agent or state, keeping the sort inside each group', () => {
    const byState = listRows(tasks, 'updated', 'state');
    expect(byState.map((r) => (r.kind === 'group' ? `# ${r.label} (${r.count})` : r.task.id))).toEqual([
      '# Queued (2)', 'dispatch-d', 'dispatch-b', '# Running (1)', 'dispatch-c', '# Applied (1)', 'dispatch-a',
    ]);
    const byProject = listRows(tasks, 'created', 'project');
    expect(byProject.map((r) => (r.kind === 'group' ? `# ${r.label}` : r.task.id))).toEqual(['# api', 'dispatch-c', 'dispatch-b', '# web', 'dispatch-d', 'dispatch-a']);
    expect(ids(rowTasks(listRows(tasks, 'agent', 'agent')))).toEqual(['dispatch-b', 'dispatch-a', 'dispatch-c', 'dispatch-d']);
    expect(listRows(tasks, 'updated', 'none').every((r) => r.kind === 'task')).toBe(true);
  });
});

describe('the list view: selection', () => {
  const order = ['t1', 't2', 't3', 't4', 't5'];
  it('a click toggles one task; a shift-click sets the range from the anchor to the new state of the clicked one', () => {
    let sel = clickSelection(new Set(), order, 't2', null, false);
    expect([...sel]).toEqual(['t2']);
    sel = clickSelection(sel, order, 't4', 't2', true);
    expect([...sel].sort()).toEqual(['t2', 't3', 't4']);
    // Shift-click upwards on a selected one clears the range.
    sel = clickSelection(sel, order, 't3', 't4', true);
    expect([...sel]).toEqual(['t2']);
    // An anchor no longer shown (filtered away) makes a shift-click a plain toggle.
    expect([...clickSelection(sel, order, 't5', 'gone', true)].sort()).toEqual(['t2', 't5']);
  });
});

describe('filters and view in the URL', () => {
  it('round-trips every field, and leaves the defaults out', () => {
    const filters = { search: 'fix a/b & c', projectId: 3, agent: 'codex', archived: true };
    const view = { mode: 'list' as const, sort: 'state' as const, group: 'project' as const };
    const query = formatTaskQuery(filters, view);
    expect(parseTaskQuery(query)).toEqual({ filters, view });
    expect(formatTaskQuery(NO_FILTERS, DEFAULT_VIEW)).toBe('');
    expect(formatTaskQuery(NO_FILTERS, { ...DEFAULT_VIEW, mode: 'list' })).toBe('view=list');
  });

  it('falls back to the defaults for anything unknown or malformed', () => {
    expect(parseTaskQuery('view=grid&sort=size&group=colour&project=abc&archived=yes&x=1')).toEqual({ filters: NO_FILTERS, view: DEFAULT_VIEW });
    expect(parseTaskQuery('%E0%A4%A')).toEqual({ filters: NO_FILTERS, view: DEFAULT_VIEW });
  });

  it('the Archived filter shows the archived tasks and only them', () => {
    const archived = makeTask({ state: 'cancelled', archivedAt: at(10) });
    const kept = makeTask({ state: 'cancelled' });
    expect([matchesFilters(archived, NO_FILTERS), matchesFilters(kept, NO_FILTERS)]).toEqual([false, true]);
    expect([matchesFilters(archived, { ...NO_FILTERS, archived: true }), matchesFilters(kept, { ...NO_FILTERS, archived: true })]).toEqual([true, false]);
  });
});
