import { TASK_STATES, type Task } from '../../../shared/models/task.js';
import { baseName, stateLabel } from '../../lib/format.js';
import type { GroupKey, SortKey } from './task-view-url.js';

/** One row of the list view: a group's heading, or a task. */
export type ListRow = { kind: 'group'; key: string; label: string; count: number } | { kind: 'task'; task: Task };

const time = (iso: string): number => Date.parse(iso) || 0;
const stateRank = (t: Task): number => TASK_STATES.indexOf(t.state);
const projectName = (t: Task): string => baseName(t.projectDir).toLowerCase();

const newestFirst = (a: Task, b: Task): number => time(b.updatedAt) - time(a.updatedAt) || b.id.localeCompare(a.id);
const COMPARE: Record<SortKey, (a: Task, b: Task) => number> = {
  updated: newestFirst,
  created: (a, b) => time(b.createdAt) - time(a.createdAt) || b.id.localeCompare(a.id),
  // The order a task travels (queued first, finished last), then newest first within a state.
  state: (a, b) => stateRank(a) - stateRank(b) || newestFirst(a, b),
  project: (a, b) => projectName(a).localeCompare(projectName(b)) || a.projectDir.localeCompare(b.projectDir) || newestFirst(a, b),
  agent: (a, b) => a.agent.localeCompare(b.agent) || newestFirst(a, b),
};

export function sortTasks(tasks: readonly Task[], sort: SortKey): Task[] {
  return [...tasks].sort(COMPARE[sort]);
}

/** A group's key and heading, and the order groups come in. */
function groupOf(t: Task, group: Exclude<GroupKey, 'none'>): { key: string; label: string; rank: number | string } {
  if (group === 'state') return { key: t.state, label: stateLabel(t.state), rank: stateRank(t) };
  if (group === 'agent') return { key: t.agent, label: t.agent, rank: t.agent };
  return { key: t.projectDir, label: baseName(t.projectDir), rank: `${projectName(t)}\0${t.projectDir}` };
}

/**
 * The rows of the list: the tasks sorted, and with a grouping, under one heading per group (groups in
 * state order, or by name), each keeping the chosen sort inside it.
 */
export function listRows(tasks: readonly Task[], sort: SortKey, group: GroupKey): ListRow[] {
  const sorted = sortTasks(tasks, sort);
  if (group === 'none') return sorted.map((task) => ({ kind: 'task', task }));
  const groups = new Map<string, { label: string; rank: number | string; tasks: Task[] }>();
  for (const task of sorted) {
    const g = groupOf(task, group);
    const entry = groups.get(g.key) ?? { label: g.label, rank: g.rank, tasks: [] };
    entry.tasks.push(task);
    groups.set(g.key, entry);
  }
  const ordered = [...groups.entries()].sort(([, a], [, b]) => (typeof a.rank === 'number' && typeof b.rank === 'number' ? a.rank - b.rank : String(a.rank).localeCompare(String(b.rank))));
  return ordered.flatMap(([key, g]) => [{ kind: 'group', key, label: g.label, count: g.tasks.length } as ListRow, ...g.tasks.map((task): ListRow => ({ kind: 'task', task }))]);
}

/** The tasks of the rows, in the order shown (for shift-click ranges and Ctrl/⌘+A). */
export const rowTasks = (rows: readonly ListRow[]): Task[] => rows.flatMap((r) => (r.kind === 'task' ? [r.task] : []));

/**
 * The selection after a click on a task's checkbox: a plain click toggles it; a shift-click sets every
 * task between the last clicked one (the anchor) and this one to this one's new state, like a file manager.
 */
export function clickSelection(selected: ReadonlySet<string>, order: readonly string[], id: string, anchor: string | null, shift: boolean): Set<string> {
  const next = new Set(selected);
  const on = !selected.has(id);
  const from = anchor ? order.indexOf(anchor) : -1;
  const to = order.indexOf(id);
  if (!shift || from < 0 || to < 0) {
    if (on) next.add(id);
    else next.delete(id);
    return next;
  }
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    if (on) next.add(order[i]);
    else next.delete(order[i]);
  }
  return next;
}
