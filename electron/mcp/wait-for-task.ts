/** Waits for a task to reach one of some states by following the instance's event stream (no polling). */
import { followTask } from '../../shared/live/follow-task.js';
import type { Task, TaskState } from '../../shared/models/task.js';
import type { McpDeps } from './mcp-deps.js';

export async function waitForTask(deps: McpDeps, id: string, states: readonly TaskState[], timeoutMs: number): Promise<{ task: Task; reached: boolean }> {
  const api = await deps.api();
  const stream = deps.events();
  let latest: Task | null = null;
  try {
    return await new Promise<{ task: Task; reached: boolean }>((resolve, reject) => {
      const timer = setTimeout(() => resolve({ task: latest!, reached: false }), timeoutMs);
      const done = (task: Task) => {
        latest = task;
        if (states.includes(task.state)) {
          clearTimeout(timer);
          resolve({ task, reached: true });
        }
      };
      stream.onClose(() => {
        clearTimeout(timer);
        reject(new Error(`the connection to Switchboard closed while waiting for ${id}; call wait_for_task again`));
      });
      // Subscribe first, then read the task, so a change in between is not missed (shared/live).
      const task = followTask(done);
      stream
        .subscribe((event) => {
          if (event.name === 'task.changed' && event.payload.task.id === id) task.pushed(event.payload);
        })
        .then(() => api['tasks.get']({ id }))
        .then((got) => task.read(got.task))
        .catch((err: unknown) => {
          clearTimeout(timer);
          reject(err as Error);
        });
    });
  } finally {
    stream.close();
  }
}
