import { NAV_SCREENS, SCREEN_LABELS, type Screen } from '../features/nav/route.js';
import { useApp } from '../store/store-context.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { useInbox } from '../features/inbox/use-inbox.js';
import { ProjectNav } from '../features/projects/ProjectNav.js';
import { activeCount } from '../features/projects/project-counts.js';

const ITEMS = NAV_SCREENS.map((screen) => ({ screen, label: SCREEN_LABELS[screen] }));

export function Sidebar() {
  const screen = useApp((s) => s.screen);
  const navigate = useApp((s) => s.navigate);
  const counts = useApp((s) => s.status?.counts);
  const version = useApp((s) => s.status?.version);
  const needs = useInbox().count;
  const active = activeCount(counts);
  const projectBoard = useApp((s) => s.filters.projectId != null);
  const showProjectBoard = useApp((s) => s.showProjectBoard);
  const badge: Partial<Record<Screen, { n: number; hot: boolean; label: string }>> = {
    inbox: { n: needs, hot: true, label: `${needs} waiting for you` },
    tasks: { n: active, hot: false, label: `${active} queued or running` },
    review: { n: counts?.awaiting_review ?? 0, hot: true, label: `${counts?.awaiting_review ?? 0} awaiting review` },
  };
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Switchboard
      </div>
      <nav aria-label="Main">
        <ul className="nav">
          {ITEMS.map(({ screen: s, label }) => {
            const b = badge[s];
            return (
              <li key={s}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={screen === s && !(s === 'tasks' && projectBoard) ? 'page' : undefined}
                  // Tasks shows every project's tasks; a project's own board is under Projects.
                  onClick={() => (s === 'tasks' && projectBoard ? void showProjectBoard(null) : navigate(s))}
                >
                  <span>{label}</span>
                  {b && b.n > 0 ? (
                    <span className={`nav-count${b.hot ? ' nav-count-hot' : ''}`} aria-label={b.label}>
                      {b.n}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <ProjectNav />
      <div className="sidebar-foot">
        <ConnectionIndicator />
        {version ? <span>v{version}</span> : null}
      </div>
    </aside>
  );
}
