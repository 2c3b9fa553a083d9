import { randomBytes } from 'node:crypto';

/** A new task id in the dispatch-id form: dispatch-20261121T105300-3f9a1c. */
export function newTaskId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  return `dispatch-${stamp}-${randomBytes(4).toString('hex')}`;
}

/**
 * The id of a best-of-N group's sibling (issue 17): the first keeps the group's id, the others get
 * `<group id>.<agent>`, so whoever wrote the dispatch knows every id in advance.
 */
export function siblingTaskId(groupId: string, agent: string, index: number): string {
  return index === 0 ? groupId : `${groupId}.${agent.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 128);
}
