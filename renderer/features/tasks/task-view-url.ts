import { NO_FILTERS, type TaskFilters } from './task-filters.js';

export type TaskViewMode = 'board' | 'list';
export const SORT_KEYS = ['updated', 'created', 'state', 'project', 'agent'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const GROUP_KEYS = ['none', 'project', 'agent', 'state'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

/** How the Tasks screen shows what the filters let through. */
export interface TaskView {
  mode: TaskViewMode;
  sort: SortKey;
  group: GroupKey;
}

export const DEFAULT_VIEW: TaskView = { mode: 'board', sort: 'updated', group: 'none' };

const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T => ((values as readonly string[]).includes(v ?? '') ? (v as T) : fallback);

/**
 * The Tasks screen's filters and view from the URL fragment's query (`#/tasks?view=list&sort=state&
 * group=project&q=login&project=3&agent=codex&archived=1`), so a reload or a shared link shows the
 * same. Anything unknown or malformed falls back to its default; nothing in it can throw.
 */
export function parseTaskQuery(query: string): { filters: TaskFilters; view: TaskView } {
  const p = new URLSearchParams(query);
  const project = Number(p.get('project'));
  return {
    filters: {
      search: (p.get('q') ?? '').slice(0, 200),
      projectId: p.get('project') && Number.isSafeInteger(project) ? project : null,
      agent: p.get('agent') || null,
      archived: p.get('archived') === '1',
    },
    view: {
      mode: p.get('view') === 'list' ? 'list' : 'board',
      sort: oneOf(SORT_KEYS, p.get('sort'), DEFAULT_VIEW.sort),
      group: oneOf(GROUP_KEYS, p.get('group'), DEFAULT_VIEW.group),
    },
  };
}

/** The query for these filters and view; defaults are left out, so the plain board is plain `#/tasks`. */
export function formatTaskQuery(filters: TaskFilters, view: TaskView): string {
  const p = new URLSearchParams();
  if (view.mode !== DEFAULT_VIEW.mode) p.set('view', view.mode);
  if (view.sort !== DEFAULT_VIEW.sort) p.set('sort', view.sort);
  if (view.group !== DEFAULT_VIEW.group) p.set('group', view.group);
  if (filters.search !== NO_FILTERS.search) p.set('q', filters.search);
  if (filters.projectId != null) p.set('project', String(filters.projectId));
  if (filters.agent != null) p.set('agent', filters.agent);
  if (filters.archived) p.set('archived', '1');
  return p.toString();
}
