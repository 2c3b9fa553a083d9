import { basename } from 'node:path';
import { COMPLETION_SCHEMA_VERSION, CompletionStatus, GroupCompletionReport } from '../../../shared/models/completion.js';
import { isFinalState, type Task } from '../../../shared/models/task.js';
import { iso } from '../clock.js';
import type { Store } from '../store/index.js';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The report of a best-of-N group once every sibling has ended (null while one still runs): the winner
 * (the sibling the others were superseded by, else the first one applied or sent as a pull request)
 * and each sibling's ending.
 */
export function buildGroupReport(store: Store, groupId: string, now: number): GroupCompletionReport | null {
  const siblings = store.tasks.inGroup(groupId);
  if (!siblings.length || !siblings.every((t) => isFinalState(t.state))) return null;
  const supersededBy = (t: Task) => str(t.meta.supersededBy);
  const won = (t: Task) => t.state === 'applied' || t.state === 'pr_opened';
  const named = siblings.map(supersededBy).find((id) => id != null);
  const winner = siblings.find((t) => t.id === named && won(t)) ?? siblings.find(won) ?? null;
  const first = siblings[0];
  return GroupCompletionReport.parse({
    schema_version: COMPLETION_SCHEMA_VERSION,
    kind: 'group',
    dispatch_id: groupId,
    group_id: groupId,
    status: winner ? winner.state : 'no_winner',
    winner: winner ? { dispatch_id: winner.id, target_agent: winner.agent } : null,
    siblings: siblings.map((t) => {
      const change = store.changes.latest(t.id);
      return {
        dispatch_id: t.id,
        target_agent: t.agent,
        status: CompletionStatus.parse(t.state),
        superseded_by: supersededBy(t),
        files_changed: change ? store.changes.files(change.id).map((f) => f.path) : [],
      };
    }),
    project: str(first.meta.project) ?? basename(first.projectDir),
    project_dir: first.projectDir,
    dispatched_by: first.dispatchedBy,
    completed_at: iso(now),
  });
}
