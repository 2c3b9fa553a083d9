import { useEffect, useMemo, useState } from 'react';
import { baseName } from '../../lib/format.js';
import { newTaskShortcut } from '../../lib/platform.js';
import { useApp, useClient } from '../../store/store-context.js';

export const SEARCH_INPUT_ID = 'task-search';

/** Search (filters the board at once; the core's search follows, debounced), project and agent filters, and the New task button. */
export function TaskToolbar() {
  const newTaskKey = newTaskShortcut(useClient().runsIn, navigator.platform);
  const filters = useApp((s) => s.filters);
  const setFilters = useApp((s) => s.setFilters);
  const projects = useApp((s) => s.projects);
  const tasksById = useApp((s) => s.tasksById);
  const openNew = useApp((s) => s.setNewTaskOpen);
  const [search, setSearch] = useState(filters.search);

  // Follow changes made elsewhere (Clear filters).
  useEffect(() => setSearch(filters.search), [filters.search]);

  const agents = useMemo(() => [...new Set(Object.values(tasksById).map((t) => t.agent))].sort(), [tasksById]);

  return (
    <div className="toolbar" role="search">
      <label className="visually-hidden" htmlFor={SEARCH_INPUT_ID}>
        Search tasks
      </label>
      <input
        id={SEARCH_INPUT_ID}
        className="input search"
        type="search"
        placeholder="Search prompt or id  ( / )"
        value={search}
        onChange={(e) => {
          // The board filters on every keystroke; the slice debounces the core's search.
          setSearch(e.target.value);
          void setFilters({ search: e.target.value });
        }}
      />
      <select
        className="select"
        aria-label="Filter by project"
        value={filters.projectId ?? ''}
        onChange={(e) => void setFilters({ projectId: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">All projects</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id} title={p.dir}>
            {p.name || baseName(p.dir)}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Filter by agent" value={filters.agent ?? ''} onChange={(e) => void setFilters({ agent: e.target.value || null })}>
        <option value="">All agents</option>
        {agents.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-primary" onClick={() => openNew(true)}>
        New task <span className="kbd">{newTaskKey}</span>
      </button>
    </div>
  );
}
