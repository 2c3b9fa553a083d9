export type Screen = 'inbox' | 'tasks' | 'review' | 'compare' | 'agents' | 'usage' | 'settings';
export const SCREENS: readonly Screen[] = ['inbox', 'tasks', 'review', 'compare', 'agents', 'usage', 'settings'];
/** The screens one can go to directly (sidebar, palette): Compare needs a group, so it is reached from a task. */
export const NAV_SCREENS: readonly Screen[] = SCREENS.filter((screen) => screen !== 'compare');

/** Each screen's name, as the sidebar and the command palette show it. */
export const SCREEN_LABELS: Record<Screen, string> = { inbox: 'Needs you', tasks: 'Tasks', review: 'Review', compare: 'Compare', agents: 'Agents', usage: 'Usage', settings: 'Settings' };

export interface Route {
  screen: Screen;
  /** The task open in the detail pane (Tasks), under review (Review), or whose group is compared (Compare). */
  taskId: string | null;
  /** What follows `?`: the Tasks screen's filters and view (task-view-url.ts), so a link keeps them. */
  query?: string;
}

/** `#/tasks/dispatch-1?view=list` → { screen: 'tasks', taskId: 'dispatch-1', query: 'view=list' }. Anything unknown is the board. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const [screen, id] = (q < 0 ? raw : raw.slice(0, q)).split('/');
  const query = q < 0 ? '' : raw.slice(q + 1);
  if (!(SCREENS as readonly string[]).includes(screen)) return { screen: 'tasks', taskId: null, query };
  return { screen: screen as Screen, taskId: id ? decodeURIComponent(id) : null, query };
}

export const formatRoute = (r: Route): string => `#/${r.screen}${r.taskId ? `/${encodeURIComponent(r.taskId)}` : ''}${r.query ? `?${r.query}` : ''}`;
