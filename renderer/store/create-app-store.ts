import { createStore, type StoreApi } from 'zustand/vanilla';
import { createStatusSlice } from '../features/status/status-slice.js';
import { createTasksSlice } from '../features/tasks/tasks-slice.js';
import { createProjectsSlice } from '../features/projects/projects-slice.js';
import { createNavSlice } from '../features/nav/nav-slice.js';
import { createTaskDetailSlice } from '../features/task-detail/task-detail-slice.js';
import { createPermissionsSlice } from '../features/permissions/permissions-slice.js';
import { createReviewSlice } from '../features/review/review-slice.js';
import { createInboxSlice } from '../features/inbox/inbox-slice.js';
import type { AppState, SliceDeps } from './types.js';

export type AppStore = StoreApi<AppState>;

/** Builds the renderer's one store. Called once by main.tsx (and by each test). */
export function createAppStore(deps: SliceDeps): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createStatusSlice(set, get, deps),
    ...createTasksSlice(set, get, deps),
    ...createProjectsSlice(set, get, deps),
    ...createNavSlice(set, get, deps),
    ...createTaskDetailSlice(set, get, deps),
    ...createPermissionsSlice(set, get, deps),
    ...createReviewSlice(set, get, deps),
    ...createInboxSlice(set, get, deps),
  }));
}
