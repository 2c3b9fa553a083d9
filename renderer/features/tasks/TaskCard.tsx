import { memo, type Ref } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { baseName, formatAge, formatSpan, prSummary, promptTitle, stateLabel, taskDuration } from '../../lib/format.js';
import { formatCost, formatTokens } from '../usage/usage-format.js';
import { columnOf } from './task-board.js';
import { cardDomId } from './use-board-keyboard.js';

interface Props {
  task: Task;
  /** The list item, for the column's virtualiser to measure. */
  ref?: Ref<HTMLLIElement>;
  /** Place in the column, and the column's length (the list is virtualised, so the page holds only a few). */
  index: number;
  setSize: number;
  selected: boolean;
  /** The one card Tab lands on (roving tabindex). */
  tabbable: boolean;
  now: number;
  /** Why a queued task has not started (tasks.waiting). */
  waiting?: string;
  onOpen(id: string): void;
  onSelect(id: string): void;
}

/** One task on the board: what it asks, where, which agent, how old, how long and how far into its TTL. */
export const TaskCard = memo(function TaskCard({ task, ref, index, setSize, selected, tabbable, now, waiting, onOpen, onSelect }: Props) {
  const duration = taskDuration(task, now);
  const live = task.state === 'running' || task.state === 'preparing' || task.state === 'awaiting_input';
  const budget = duration != null && live ? Math.min(100, (duration / (task.ttlSeconds * 1000)) * 100) : null;
  const title = promptTitle(task.prompt);
  return (
    <li role="presentation" ref={ref} data-index={index}>
      <button
        type="button"
        id={cardDomId(task.id)}
        className="card"
        role="option"
        aria-selected={selected}
        aria-posinset={index + 1}
        aria-setsize={setSize}
        tabIndex={tabbable ? 0 : -1}
        data-column={columnOf(task.state)}
        data-state={task.state}
        data-task-id={task.id}
        aria-label={`${title}. ${stateLabel(task.state)}, ${baseName(task.projectDir)}, ${task.agent}`}
        onClick={() => onOpen(task.id)}
        onFocus={() => onSelect(task.id)}
      >
        <span className="card-title">{title || <em>(empty prompt)</em>}</span>
        <span className="card-meta">
          <span className="card-project" title={task.projectDir}>
            {baseName(task.projectDir)}
          </span>
          <span className="card-agent">{task.agent}</span>
          {task.retryCount > 0 ? <span>retry {task.retryCount}</span> : null}
          {task.usage ? (
            <span className="card-usage" title={`${task.usage.inputTokens} tokens in, ${task.usage.outputTokens} out, over ${task.usage.runs} run(s)`}>
              {formatTokens(task.usage.inputTokens + task.usage.outputTokens)} tok{task.usage.costUsd ? ` · ${formatCost(task.usage.costUsd)}` : ''}
            </span>
          ) : null}
          {task.pr ? <span className="card-pr" title={task.pr.url}>PR #{task.pr.number} {prSummary(task.pr)}</span> : null}
        </span>
        {budget != null ? (
          <span className="progress" title={`${formatSpan(duration!)} of a ${formatSpan(task.ttlSeconds * 1000)} time limit`}>
            <span style={{ width: `${budget}%` }} />
          </span>
        ) : null}
        {waiting && task.state === 'queued' ? <span className="card-waiting" title={waiting}>Waiting: {waiting}</span> : null}
        {task.error && !live ? <span className="card-error" title={task.error}>{task.error}</span> : null}
        <span className="card-foot">
          <span className="badge">{stateLabel(task.state)}</span>
          <span title={`Created ${new Date(task.createdAt).toLocaleString()}`}>
            {duration != null ? `${formatSpan(duration)} · ` : ''}
            {formatAge(task.createdAt, now)}
          </span>
        </span>
      </button>
    </li>
  );
});
