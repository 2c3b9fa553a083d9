import type { SliceCreator } from '../../store/types.js';
import type { NewTaskForm } from '../new-task/new-task-form.js';
import type { Route, Screen } from './route.js';

export interface NavSlice {
  screen: Screen;
  /** The task whose detail is open, if any. */
  openTaskId: string | null;
  /** The project whose page (settings, repository, switchboard.json) the Project screen shows. */
  projectPageId: number | null;
  newTaskOpen: boolean;
  /** What New Task opens filled with ("Duplicate task"), or null for an empty form. */
  newTaskDraft: NewTaskForm | null;
  /** The command palette (Ctrl/⌘+K) and the shortcut sheet (?). */
  paletteOpen: boolean;
  helpOpen: boolean;
  navigate(screen: Screen, taskId?: string | null): void;
  setRoute(route: Route): void;
  openTask(id: string): void;
  /** The project's page (`#/project/<id>`). */
  openProjectPage(id: number): void;
  /** The Tasks board narrowed to one project (`#/tasks?project=<id>`); null shows every project. */
  showProjectBoard(id: number | null): Promise<void>;
  closeTask(): void;
  setNewTaskOpen(open: boolean, draft?: NewTaskForm | null): void;
  setPaletteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
}

export const createNavSlice: SliceCreator<NavSlice> = (set, get) => ({
  screen: 'tasks',
  openTaskId: null,
  projectPageId: null,
  newTaskOpen: false,
  newTaskDraft: null,
  paletteOpen: false,
  helpOpen: false,
  navigate: (screen, taskId = null) => get().setRoute({ screen, taskId }),
  setRoute({ screen, taskId, projectId }) {
    const changed = taskId !== get().openTaskId;
    set({ screen, openTaskId: taskId, ...(taskId ? { selectedTaskId: taskId } : {}), ...(screen === 'project' ? { projectPageId: projectId ?? null } : {}) });
    if (taskId && changed) void get().loadDetail(taskId);
  },
  openTask: (id) => get().setRoute({ screen: get().screen, taskId: id }),
  openProjectPage: (id) => get().setRoute({ screen: 'project', taskId: null, projectId: id }),
  showProjectBoard(id) {
    get().setRoute({ screen: 'tasks', taskId: null });
    return get().setFilters({ projectId: id });
  },
  closeTask: () => get().setRoute({ screen: get().screen, taskId: null }),
  setNewTaskOpen: (newTaskOpen, draft = null) => set({ newTaskOpen, newTaskDraft: newTaskOpen ? draft : null }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
});
