import { useState } from 'react';
import { useApp } from '../../store/store-context.js';
import { activeCount, waitingCount } from './project-counts.js';

/**
 * The sidebar's project list (issue 18, Projects in the UI): each project with its host and how many
 * of its tasks are active and wait for you. A project opens its own board (`#/tasks?project=<id>`).
 */
export function ProjectNav() {
  const projects = useApp((s) => s.projects);
  const byProject = useApp((s) => s.status?.byProject);
  const current = useApp((s) => (s.screen === 'tasks' ? s.filters.projectId : s.screen === 'project' ? s.projectPageId : null));
  const showBoard = useApp((s) => s.showProjectBoard);
  const [open, setOpen] = useState(true);
  if (!projects.length) return null;
  return (
    <nav className="project-nav" aria-label="Projects">
      <button type="button" className="project-nav-head" aria-expanded={open} aria-controls="project-nav-list" onClick={() => setOpen(!open)}>
        <span aria-hidden="true" className="project-nav-caret">
          {open ? '▾' : '▸'}
        </span>
        Projects <span className="detail-muted">{projects.length}</span>
      </button>
      {open ? (
        <ul className="project-nav-list" id="project-nav-list">
          {projects.map((p) => {
            const counts = byProject?.[p.id];
            const active = activeCount(counts);
            const waiting = waitingCount(counts);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="nav-item project-nav-item"
                  aria-current={current === p.id ? 'page' : undefined}
                  title={`${p.host ? `${p.host}:` : ''}${p.dir}`}
                  onClick={() => void showBoard(p.id)}
                >
                  <span className="project-nav-name">
                    <span className="project-nav-title">{p.name}</span>
                    {p.host ? <span className="project-host">{p.host}</span> : null}
                  </span>
                  {active > 0 ? (
                    <span className="nav-count" aria-label={`${active} active`}>
                      {active}
                    </span>
                  ) : null}
                  {waiting > 0 ? (
                    <span className="nav-count nav-count-hot" aria-label={`${waiting} need you`}>
                      {waiting}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </nav>
  );
}
