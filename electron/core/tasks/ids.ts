import { randomBytes } from 'node:crypto';

/** A new task id in the dispatch-id form: dispatch-20261121T105300-3f9a1c. */
export function newTaskId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  return `dispatch-${stamp}-${randomBytes(4).toString('hex')}`;
}
