import { z } from 'zod';
import { TaskState } from './task.js';

export const AppStatus = z.object({
  version: z.string(),
  pid: z.number().int(),
  home: z.string(),
  mode: z.enum(['electron', 'headless']),
  startedAt: z.string(),
  /** Tasks per state; archived tasks are not counted. */
  counts: z.record(TaskState, z.number().int()),
  /** The same per project (key: project id), only the states it has tasks in: the project sidebar's counts. */
  byProject: z.record(z.string(), z.partialRecord(TaskState, z.number().int())).default({}),
  /** Things the user should know, e.g. "trustedRoots is unset: dispatches may point anywhere under ~". */
  warnings: z.array(z.string()),
});
export type AppStatus = z.infer<typeof AppStatus>;
