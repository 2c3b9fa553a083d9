import type { Handlers } from '../router.js';
import type { RejectedFiles } from './rejected-files.js';

/** `dispatch.rejected` and `dispatch.retryRejected`: the inbox's refused files, as the app lists them. */
export function createDispatchController(rejected: RejectedFiles): Pick<Handlers, 'dispatch.rejected' | 'dispatch.retryRejected'> {
  return {
    'dispatch.rejected': () => ({ files: rejected.list() }),
    'dispatch.retryRejected': ({ dir, name }) => rejected.retry(dir, name),
  };
}
