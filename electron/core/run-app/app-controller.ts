import { AppError } from '../errors.js';
import type { Handlers } from '../router.js';
import type { AppRunner } from './app-runner.js';

/** tasks.runApp / stopApp / appOutput / appWrite / appResize: switchboard.json `run` (issue 16). */
export function createRunAppController(app: AppRunner): Pick<Handlers, 'tasks.runApp' | 'tasks.stopApp' | 'tasks.appOutput' | 'tasks.appWrite' | 'tasks.appResize'> {
  const handleOf = (id: string) => {
    const handle = app.handle(id);
    if (!handle) throw new AppError('conflict', `the app of task ${id} is not running; start it first (Run, or switchboard run ${id})`);
    return handle;
  };
  return {
    'tasks.runApp': ({ id, cols, rows }) => app.start(id, { cols, rows }),
    async 'tasks.stopApp'({ id }) {
      await app.stop(id);
      return app.state(id);
    },
    'tasks.appOutput': ({ id, appRunId, afterSeq, maxBytes }) => app.replay(id, appRunId, afterSeq ?? -1, maxBytes),
    'tasks.appWrite'({ id, data }) {
      handleOf(id).write(data);
      return { ok: true as const };
    },
    'tasks.appResize'({ id, cols, rows }) {
      handleOf(id).resize(cols, rows);
      return { ok: true as const };
    },
  };
}
