import type { StoreApi } from 'zustand/vanilla';
import type { Api } from '../../shared/contract.js';
import type { StatusSlice } from '../features/status/status-slice.js';
import type { TasksSlice } from '../features/tasks/tasks-slice.js';
import type { ProjectsSlice } from '../features/projects/projects-slice.js';
import type { NavSlice } from '../features/nav/nav-slice.js';
import type { TaskDetailSlice } from '../features/task-detail/task-detail-slice.js';
import type { PermissionsSlice } from '../features/permissions/permissions-slice.js';
import type { ReviewSlice } from '../features/review/review-slice.js';
import type { InboxSlice } from '../features/inbox/inbox-slice.js';

/** The whole renderer state: one store, built from one slice per feature. */
export type AppState = StatusSlice & TasksSlice & ProjectsSlice & NavSlice & TaskDetailSlice & PermissionsSlice & ReviewSlice & InboxSlice;

export interface SliceDeps {
  api: Api;
  now: () => number;
}

export type SetState = StoreApi<AppState>['setState'];
export type GetState = StoreApi<AppState>['getState'];

/** A slice: its part of the state and actions, given the store's set/get and the app's deps. */
export type SliceCreator<T> = (set: SetState, get: GetState, deps: SliceDeps) => T;
