/**
 * Reading tasks (and usage) for `tasks`, `show`, `usage` and friends: through the running instance when there is one,
 * else straight from the store, read-only (a home without a database has no tasks).
 */
import { existsSync } from 'node:fs';
import { requests, type Api } from '../../shared/contract.js';
import { AppError, invalidInput } from '../core/errors.js';
import { homePaths } from '../core/home.js';
import type { Handlers } from '../core/router.js';
import { createStore } from '../core/store/index.js';
import { createTasksController } from '../core/tasks/tasks-controller.js';
import { createUsageController } from '../core/usage/usage-controller.js';
import { findLiveServer } from '../host/server-info.js';
import { createClient, RemoteError } from './client.js';
import { CliError } from './command.js';

type ReadNames = 'tasks.list' | 'tasks.get' | 'usage.summary';
export type TaskReader = Pick<Api, ReadNames> & {
  /** Whether the last answer came from a running instance. */
  live(): boolean;
  close(): void;
};

const readOnly = (): never => {
  throw new AppError('unavailable', 'this copy of the task store is read-only: start Switchboard to change tasks');
};

/** The store of `home`, opened read-only, answering the read requests of the contract. */
export function openLocalReader(home: string): Pick<TaskReader, ReadNames | 'close'> {
  const paths = homePaths(home);
  const store = existsSync(paths.db) ? createStore(paths.db, { readonly: true }) : null;
  const handlers: Pick<Handlers, ReadNames> = store
    ? { ...createTasksController({ store, transition: Object.assign(readOnly, { annotate: readOnly }), submit: readOnly, now: readOnly }), ...createUsageController(store.usage) }
    : {
        'usage.summary': () => ({ total: { runs: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 }, byAgent: [], byProject: [] }),
        'tasks.list': () => ({ tasks: [], nextCursor: null }),
        'tasks.get': ({ id }) => {
          throw new AppError('not_found', `task ${id} was not found: ${paths.root} has no task store yet`);
        },
      };
  const local = async (name: ReadNames, input: unknown): Promise<unknown> => {
    const parsed = requests[name].input.safeParse(input ?? {});
    if (!parsed.success) throw invalidInput(parsed.error, `input for ${name}`);
    return (handlers[name] as (i: unknown) => unknown)(parsed.data);
  };
  return {
    'tasks.list': (input) => local('tasks.list', input) as ReturnType<Api['tasks.list']>,
    'tasks.get': (input) => local('tasks.get', input) as ReturnType<Api['tasks.get']>,
    'usage.summary': (input) => local('usage.summary', input) as ReturnType<Api['usage.summary']>,
    close: () => store?.dispose(),
  };
}

/**
 * The running instance if server.json names a live one; if it turns out not to answer (a stale file
 * whose pid was reused), the store is read directly instead.
 */
export function openTaskReader(home: string): TaskReader {
  const info = findLiveServer(homePaths(home).serverInfo);
  const remote = info ? createClient(info, { home }) : null;
  let local: ReturnType<typeof openLocalReader> | null = null;
  let useRemote = remote != null;
  const localReader = () => (local ??= openLocalReader(home));

  const read = async <K extends ReadNames>(name: K, input: Parameters<Api[K]>[0]): Promise<Awaited<ReturnType<Api[K]>>> => {
    if (useRemote && remote) {
      try {
        return (await (remote[name] as (i: unknown) => Promise<unknown>)(input)) as Awaited<ReturnType<Api[K]>>;
      } catch (err) {
        if (!(err instanceof CliError) || err instanceof RemoteError) throw err;
        useRemote = false;
      }
    }
    return (await (localReader()[name] as (i: unknown) => Promise<unknown>)(input)) as Awaited<ReturnType<Api[K]>>;
  };

  return {
    'tasks.list': (input) => read('tasks.list', input),
    'tasks.get': (input) => read('tasks.get', input),
    'usage.summary': (input) => read('usage.summary', input),
    live: () => useRemote,
    close: () => local?.close(),
  };
}
