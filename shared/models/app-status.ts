import { z } from 'zod';
import { TaskState } from './task.js';

export const AppStatus = z.object({
  version: z.string(),
  pid: z.number().int(),
  home: z.string(),
  mode: z.enum(['electron', 'headless']),
  startedAt: z.string(),
  counts: z.record(TaskState, z.number().int()),
  /** Things the user should know, e.g. "trustedRoots is unset: dispatches may point anywhere under ~". */
  warnings: z.array(z.string()),
});
export type AppStatus = z.infer<typeof AppStatus>;
