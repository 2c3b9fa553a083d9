import type { PermissionRequest } from '../../../shared/models/permission.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';

export interface PermissionsSlice {
  /** Pending permission requests by id, across all tasks. */
  pendingPermissions: Readonly<Record<number, PermissionRequest>>;
  /** Why answering a request failed, by request id. */
  permissionErrors: Readonly<Record<number, string>>;
  answeringPermission: number | null;
  loadPermissions(): Promise<void>;
  applyPermission(request: PermissionRequest): void;
  answerPermission(request: PermissionRequest, optionId: string): Promise<void>;
}

const without = <T>(map: Readonly<Record<number, T>>, id: number): Record<number, T> => {
  const { [id]: _gone, ...rest } = map;
  return rest;
};

/** ACP permission prompts waiting for a person, kept current by permission.changed. */
export const createPermissionsSlice: SliceCreator<PermissionsSlice> = (set, get, { api }) => ({
  pendingPermissions: {},
  permissionErrors: {},
  answeringPermission: null,
  async loadPermissions() {
    try {
      const list = await api['permissions.list']({});
      set({ pendingPermissions: Object.fromEntries(list.filter((r) => r.state === 'pending').map((r) => [r.id, r])) });
    } catch {
      // Shown where it matters: answering reports its own error. The list reloads on reconnect.
    }
  },
  applyPermission(request) {
    const pending = get().pendingPermissions;
    if (request.state === 'pending') set({ pendingPermissions: { ...pending, [request.id]: request } });
    else if (pending[request.id]) set({ pendingPermissions: without(pending, request.id) });
  },
  async answerPermission(request, optionId) {
    set({ answeringPermission: request.id, permissionErrors: without(get().permissionErrors, request.id) });
    try {
      get().applyPermission(await api['permissions.answer']({ taskId: request.taskId, requestId: request.id, optionId }));
    } catch (err) {
      set({ permissionErrors: { ...get().permissionErrors, [request.id]: `Could not answer “${request.title}”: ${describeError(err)}` } });
    } finally {
      set({ answeringPermission: null });
    }
  },
});
