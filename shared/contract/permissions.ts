import { z } from 'zod';
import { PermissionRequest } from '../models/permission.js';
import { TaskId } from '../models/task.js';
import { request } from './define.js';

export const permissionRequests = {
  /** Pending permission requests (all tasks, or one); with `all`, decided ones too, newest last. */
  'permissions.list': request(
    z.object({ taskId: TaskId.optional(), all: z.boolean().default(false) }).default({ all: false }),
    z.array(PermissionRequest),
  ),
  /** Answers a pending request with one of its options. */
  'permissions.answer': request(
    z.object({ taskId: TaskId, requestId: z.number().int().positive(), optionId: z.string().min(1) }),
    PermissionRequest,
  ),
};
