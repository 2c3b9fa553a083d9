/**
 * What the compare view approves (groups.approve): a winner, and for each file the sibling whose
 * version lands. Pure, so the rules are tested without a browser.
 */
import type { RequestInput, RequestOutput } from '../../../shared/contract.js';

export type Group = RequestOutput<'groups.compare'>;
export type Picks = RequestInput<'groups.approve'>['picks'];

/** path → the task whose version of the file lands, or null to leave the file out. */
export type FileChoice = Record<string, string | null>;

/** Siblings whose change can still be approved. */
export const reviewable = (group: Group): Set<string> =>
  new Set(group.members.filter((m) => m.task.state === 'awaiting_review' && m.change).map((m) => m.task.id));

/** Every file from the winner where it touched it; files only others touched are left out. */
export function choicesFor(group: Group, winner: string | null): FileChoice {
  return Object.fromEntries(group.files.map((f) => [f.path, winner && f.taskIds.includes(winner) ? winner : null]));
}

/**
 * The approval as picks, winner first (the first pick wins and supersedes the rest). The winner's whole
 * change when every file of it is taken from it and nothing from another; otherwise the files each
 * sibling contributes. Empty when nothing is chosen.
 */
export function picksFor(group: Group, winner: string | null, choice: FileChoice): Picks {
  const byTask = new Map<string, string[]>();
  for (const f of group.files) {
    const from = choice[f.path];
    if (from && f.taskIds.includes(from)) byTask.set(from, [...(byTask.get(from) ?? []), f.path]);
  }
  if (!byTask.size) return [];
  const winnerFiles = winner ? group.files.filter((f) => f.taskIds.includes(winner)).map((f) => f.path) : [];
  if (winner && byTask.size === 1 && byTask.get(winner)?.length === winnerFiles.length) return [{ taskId: winner }];
  const order = group.members.map((m) => m.task.id).sort((a, b) => Number(b === winner) - Number(a === winner));
  return order.filter((id) => byTask.has(id)).map((taskId) => ({ taskId, files: byTask.get(taskId)! }));
}

/** "Approve claude" or "Approve 3 files from 2 agents": what the button does, in words. */
export function approveLabel(group: Group, picks: Picks): string {
  if (!picks.length) return 'Approve';
  const agent = (id: string) => group.members.find((m) => m.task.id === id)?.task.agent ?? id;
  if (picks.length === 1 && !picks[0].files) return `Approve ${agent(picks[0].taskId)}`;
  const files = picks.reduce((n, p) => n + (p.files?.length ?? 0), 0);
  const who = picks.length === 1 ? agent(picks[0].taskId) : `${picks.length} agents`;
  return `Approve ${files} file${files === 1 ? '' : 's'} from ${who}`;
}
