import { useMemo } from 'react';
import { useApp } from '../../store/store-context.js';
import { inboxItems, type InboxItems } from './inbox-items.js';

/** What waits for a person right now: permissions, input, reviews, failures and rejected files. */
export function useInbox(): InboxItems {
  const tasks = useApp((s) => s.tasksById);
  const pending = useApp((s) => s.pendingPermissions);
  const rejected = useApp((s) => s.rejectedFiles);
  const dismissed = useApp((s) => s.dismissedFailures);
  return useMemo(() => inboxItems(tasks, pending, rejected, dismissed), [tasks, pending, rejected, dismissed]);
}
