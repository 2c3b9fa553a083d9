import type { Task, TaskState } from '../../../shared/models/task.js';
import { bulkSummary, type BulkAction, type BulkResult } from '../../../shared/models/task-bulk.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';
import { CLOSED_STATES, OPEN_STATES } from './task-board.js';
import { NO_FILTERS, type TaskFilters } from './task-filters.js';
import { upsertTasks, type TaskMap } from './task-merge.js';
import { DEFAULT_VIEW, parseTaskQuery, type TaskView } from './task-view-url.js';

export const OPEN_LIMIT = 500;
export const CLOSED_PAGE = 100;
/** The core's search follows the typing once it pauses this long; the board filters at once. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface TasksSlice {
  /** Every task the renderer knows; views filter it with matchesFilters(). */
  tasksById: TaskMap;
  tasksLoaded: boolean;
  tasksLoading: boolean;
  tasksError: string | null;
  /** Cursor of the next page of finished tasks, null when there is none. */
  olderCursor: string | null;
  filters: TaskFilters;
  /** Board or list, and the list's sort and grouping; kept in the URL with the filters. */
  taskView: TaskView;
  selectedTaskId: string | null;
  loadTasks(): Promise<void>;
  loadOlderTasks(): Promise<void>;
  /** Resolves when the list has reloaded (search and project are part of the query). */
  setFilters(patch: Partial<TaskFilters>): Promise<void>;
  setTaskView(patch: Partial<TaskView>): void;
  /** Takes the filters and view from the URL's query (a reload, a shared link, back/forward). */
  applyTaskQuery(query: string): Promise<void>;
  /** One action on many tasks (tasks.bulk); resolves with the results and their one-line summary. The tasks follow by events. */
  runBulk(action: BulkAction, ids: string[], reason?: string): Promise<{ results: BulkResult[]; summary: string }>;
  applyTaskChanged(task: Task, previous: TaskState | null): void;
  /** Stores a task a request returned (create, cancel, retry). */
  applyTask(task: Task): void;
  selectTask(id: string | null): void;
}

/**
 * The live task list: loaded with tasks.list (every open task, plus the newest page of finished
 * ones), then kept current by task.changed events. Events that arrive while a load is in flight are
 * merged into its result, so a slow page never hides a newer state.
 */
export const createTasksSlice: SliceCreator<TasksSlice> = (set, get, { api }) => {
  let generation = 0;
  let duringLoad: Task[] = [];
  let searchTimer: ReturnType<typeof setTimeout> | null = null;
  let searchWaiters: (() => void)[] = [];

  const query = () => {
    const f = get().filters;
    return { projectId: f.projectId ?? undefined, search: f.search.trim() || undefined, archived: f.archived ? ('only' as const) : ('exclude' as const) };
  };

  return {
    tasksById: {},
    tasksLoaded: false,
    tasksLoading: false,
    tasksError: null,
    olderCursor: null,
    filters: NO_FILTERS,
    taskView: DEFAULT_VIEW,
    selectedTaskId: null,

    async loadTasks() {
      const gen = ++generation;
      duringLoad = [];
      set({ tasksLoading: true });
      try {
        const q = query();
        const [open, closed] = await Promise.all([
          api['tasks.list']({ ...q, state: OPEN_STATES, limit: OPEN_LIMIT }),
          api['tasks.list']({ ...q, state: CLOSED_STATES, limit: CLOSED_PAGE }),
        ]);
        if (gen !== generation) return;
        const fresh = upsertTasks(upsertTasks({}, [...open.tasks, ...closed.tasks]), duringLoad);
        set({ tasksById: fresh, olderCursor: closed.nextCursor, tasksLoaded: true, tasksLoading: false, tasksError: null });
      } catch (err) {
        if (gen === generation) set({ tasksLoading: false, tasksError: `Could not load the tasks: ${describeError(err)}` });
      }
    },

    async loadOlderTasks() {
      const cursor = get().olderCursor;
      if (!cursor) return;
      try {
        const page = await api['tasks.list']({ ...query(), state: CLOSED_STATES, limit: CLOSED_PAGE, cursor });
        set({ tasksById: upsertTasks(get().tasksById, page.tasks), olderCursor: page.nextCursor, tasksError: null });
      } catch (err) {
        set({ tasksError: `Could not load older tasks: ${describeError(err)}` });
      }
    },

    setFilters(patch) {
      const before = get().filters;
      const filters = { ...before, ...patch };
      set({ filters });
      // The board filters what it holds at once (matchesFilters); search and project also narrow the
      // core's query, which finds older finished tasks too: at once for a project, once typing pauses for a search.
      if (filters.projectId !== before.projectId || filters.archived !== before.archived) return get().loadTasks();
      if (filters.search.trim() === before.search.trim()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        searchWaiters.push(resolve);
        if (searchTimer) clearTimeout(searchTimer);
        searchTimer = setTimeout(() => {
          searchTimer = null;
          const waiters = searchWaiters;
          searchWaiters = [];
          void get().loadTasks().then(() => waiters.forEach((w) => w()));
        }, SEARCH_DEBOUNCE_MS);
      });
    },

    setTaskView: (patch) => set({ taskView: { ...get().taskView, ...patch } }),

    applyTaskQuery(query) {
      const { filters, view } = parseTaskQuery(query);
      const v = get().taskView;
      if (view.mode !== v.mode || view.sort !== v.sort || view.group !== v.group) set({ taskView: view });
      const f = get().filters;
      const same = f.search === filters.search && f.projectId === filters.projectId && f.agent === filters.agent && f.archived === filters.archived;
      return same ? Promise.resolve() : get().setFilters(filters);
    },

    async runBulk(action, ids, reason) {
      const { results } = await api['tasks.bulk']({ action, ids, ...(reason ? { reason } : {}) });
      return { results, summary: bulkSummary(action, results) };
    },

    applyTaskChanged(task, previous) {
      if (get().tasksLoading) duringLoad.push(task);
      const held = get().tasksById[task.id];
      set({ tasksById: upsertTasks(get().tasksById, [task]) });
      // Each event is one transition (or an archive) in the core, so the totals follow it exactly.
      get().countTransition(task, previous, held ? Boolean(held.archivedAt) : undefined);
    },

    applyTask(task) {
      if (get().tasksLoading) duringLoad.push(task);
      set({ tasksById: upsertTasks(get().tasksById, [task]) });
    },

    selectTask: (id) => set({ selectedTaskId: id }),
  };
};
