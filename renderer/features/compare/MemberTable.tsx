import { formatSpan, stateLabel } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import { columnOf } from '../tasks/task-board.js';
import { Stats } from '../review/FileTree.js';
import { formatCost, formatTokens } from '../usage/usage-format.js';
import type { Group } from './compare-picks.js';

interface Props {
  group: Group;
  winner: string | null;
  /** Siblings whose change can be approved. */
  open: Set<string>;
  now: number;
  onPick(taskId: string): void;
}

const HEAD = ['Winner', 'Agent', 'State', 'Time', 'Files', 'Lines', 'Run', 'Tokens in / out', 'Cost', ''];

/** One row per sibling: the winner radio (key = its number), then its facts. */
export function MemberTable({ group, winner, open, now, onPick }: Props) {
  const navigate = useApp((s) => s.navigate);
  return (
    <div className="compare-table-wrap">
      <table className="usage-table compare-table" aria-label="Siblings">
        <thead>
          <tr>
            {HEAD.map((h, i) => (
              <th key={h || i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {group.members.map((m, i) => {
            const t = m.task;
            const superseded = typeof t.meta.supersededBy === 'string' ? t.meta.supersededBy : null;
            const running = !t.endedAt && t.startedAt ? now - Date.parse(t.startedAt) : null;
            return (
              <tr key={t.id} data-winner={t.id === winner ? 'true' : undefined}>
                <td>
                  <label className="compare-pick">
                    <input
                      type="radio"
                      name={`winner-${group.groupId}`}
                      aria-label={`Pick ${t.agent} as the winner (key ${i + 1})`}
                      checked={t.id === winner}
                      disabled={!open.has(t.id)}
                      onChange={() => onPick(t.id)}
                    />
                    <kbd>{i + 1}</kbd>
                  </label>
                </td>
                <th scope="row">{t.agent}</th>
                <td>
                  <span className="badge" data-column={columnOf(t.state)} data-state={t.state}>
                    {stateLabel(t.state)}
                  </span>
                  {superseded ? <span className="detail-muted"> by {group.members.find((x) => x.task.id === superseded)?.task.agent ?? superseded}</span> : null}
                </td>
                <td>{m.durationMs != null ? formatSpan(running ?? m.durationMs) : '—'}</td>
                <td>{m.change ? m.change.filesCount : '—'}</td>
                <td>
{m.change ? <Stats add={m.change.additions} del={m.change.deletions} /> : '—'}
                </td>
                <td>{m.runStatus ?? '—'}</td>
                <td>{m.usage ? `${formatTokens(m.usage.inputTokens)} / ${formatTokens(m.usage.outputTokens)}` : '—'}</td>
                <td>{formatCost(m.usage?.costUsd ?? null)}</td>
                <td>
                  {open.has(t.id) ? (
                    <button type="button" className="btn btn-ghost" onClick={() => navigate('review', t.id)}>
                      Review hunks
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
