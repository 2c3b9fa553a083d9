import type { Task } from '../../../shared/models/task.js';
import type { BoardColumn } from './task-board.js';
import { TaskCard } from './TaskCard.js';

interface Props {
  column: BoardColumn;
  tasks: Task[];
  count: number;
  selectedId: string | null;
  tabbableId: string | null;
  now: number;
  waitingReasons: Readonly<Record<string, string>>;
  onOpen(id: string): void;
  onSelect(id: string): void;
  /** Shown under the list when older tasks can be loaded. */
  onMore?: () => void;
}

export function TaskColumn({ column, tasks, count, selectedId, tabbableId, now, waitingReasons, onOpen, onSelect, onMore }: Props) {
  const headId = `column-${column.id}`;
  return (
    <section className="column" data-column={column.id} aria-labelledby={headId}>
      <h2 className="column-head" id={headId}>
        {column.title}
        <span className="column-count" aria-label={`${count} tasks`}>
          {count}
        </span>
      </h2>
      {tasks.length ? (
        <ul className="column-list" role="listbox" aria-labelledby={headId}>
          {tasks.map((t) => (
            <TaskCard key={t.id} task={t} selected={t.id === selectedId} tabbable={t.id === tabbableId} now={now} waiting={waitingReasons[t.id]} onOpen={onOpen} onSelect={onSelect} />
          ))}
        </ul>
      ) : (
        <p className="column-empty">{column.empty}</p>
      )}
      {onMore ? (
        <button type="button" className="btn btn-ghost column-more" onClick={onMore}>
          Show older
        </button>
      ) : null}
    </section>
  );
}
