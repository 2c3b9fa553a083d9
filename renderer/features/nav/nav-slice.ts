import type { SliceCreator } from '../../store/types.js';
import type { Route, Screen } from './route.js';

export interface NavSlice {
  screen: Screen;
  /** The task whose detail is open, if any. */
  openTaskId: string | null;
  newTaskOpen: boolean;
  /** The command palette (Ctrl/⌘+K) and the shortcut sheet (?). */
  paletteOpen: boolean;
  helpOpen: boolean;
  navigate(screen: Screen, taskId?: string | null): void;
  setRoute(route: Route): void;
  openTask(id: string): void;
  closeTask(): void;
  setNewTaskOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
}

export const createNavSlice: SliceCreator<NavSlice> = (set, get) => ({
  screen: 'tasks',
  openTaskId: null,
  newTaskOpen: false,
  paletteOpen: false,
  helpOpen: false,
  navigate: (screen, taskId = null) => get().setRoute({ screen, taskId }),
  setRoute({ screen, taskId }) {
    const changed = taskId !== get().openTaskId;
    set({ screen, openTaskId: taskId, ...(taskId ? { selectedTaskId: taskId } : {}) });
    if (taskId && changed) void get().loadDetail(taskId);
  },
  openTask: (id) => get().setRoute({ screen: get().screen, taskId: id }),
  closeTask: () => get().setRoute({ screen: get().screen, taskId: null }),
  setNewTaskOpen: (newTaskOpen) => set({ newTaskOpen }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
});
