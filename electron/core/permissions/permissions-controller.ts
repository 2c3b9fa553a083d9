import type { Handlers } from '../router.js';
import type { PermissionService } from './permission-service.js';

/** permissions.list / permissions.answer over the permission service. */
export function createPermissionsController(permissions: PermissionService): Pick<Handlers, 'permissions.list' | 'permissions.answer'> {
  return {
    'permissions.list': ({ taskId, all }) => permissions.list(taskId, all),
    'permissions.answer': (input) => permissions.answer(input, 'user'),
  };
}
