export type Screen = 'inbox' | 'tasks' | 'review' | 'compare' | 'project' | 'agents' | 'usage' | 'settings';
export const SCREENS: readonly Screen[] = ['inbox', 'tasks', 'review', 'compare', 'project', 'agents', 'usage', 'settings'];
/** The screens one can go to directly (sidebar, palette): Compare needs a group and Project a project, so they are reached from a task or the project list. */
export const NAV_SCREENS: readonly Screen[] = SCREENS.filter((screen) => screen !== 'compare' && screen !== 'project');

/** Each screen's name, as the sidebar and the command palette show it. */
export const SCREEN_LABELS: Record<Screen, string> = { inbox: 'Needs you', tasks: 'Tasks', review: 'Review', compare: 'Compare', project: 'Project', agents: 'Agents', usage: 'Usage', settings: 'Settings' };

export interface Route {
  screen: Screen;
  /** The task open in the detail pane (Tasks), under review (Review), or whose group is compared (Compare). */
  taskId: string | null;
  /** What follows `?`: the Tasks screen's filters and view (task-view-url.ts), so a link keeps them. */
  query?: string;
  /** The project whose page is open (`#/project/3`); only on the Project screen. */
  projectId?: number | null;
}

/** `#/tasks/dispatch-1?view=list` → { screen: 'tasks', taskId: 'dispatch-1', query: 'view=list' }. Anything unknown is the board. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const [screen, id] = (q < 0 ? raw : raw.slice(0, q)).split('/');
  const query = q < 0 ? '' : raw.slice(q + 1);
  if (!(SCREENS as readonly string[]).includes(screen)) return { screen: 'tasks', taskId: null, query };
  if (screen === 'project') {
    const projectId = Number(id);
    return Number.isSafeInteger(projectId) && id ? { screen, taskId: null, projectId, query } : { screen: 'tasks', taskId: null, query };
  }
  return { screen: screen as Screen, taskId: id ? decodeURIComponent(id) : null, query };
}

export const formatRoute = (r: Route): string => {
  const id = r.screen === 'project' ? (r.projectId != null ? String(r.projectId) : '') : (r.taskId ?? '');
  return `#/${r.screen}${id ? `/${encodeURIComponent(id)}` : ''}${r.query ? `?${r.query}` : ''}`;
};
