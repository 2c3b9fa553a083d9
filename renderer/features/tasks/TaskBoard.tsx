import type { BoardView } from './use-board.js';
import { useApp } from '../../store/store-context.js';
import { useNow } from '../../app/use-now.js';
import { BOARD_COLUMNS, columnCount } from './task-board.js';
import { TaskColumn } from './TaskColumn.js';
import { useBoardKeyboard } from './use-board-keyboard.js';

/** The columns of the board. Arrow keys (or h/j/k/l) move between tasks, Enter opens one. */
export function TaskBoard({ view }: { view: BoardView }) {
  const selectedId = useApp((s) => s.selectedTaskId);
  const totals = useApp((s) => s.status?.counts ?? null);
  const olderCursor = useApp((s) => s.olderCursor);
  const openTask = useApp((s) => s.openTask);
  const waitingReasons = useApp((s) => s.waitingReasons);
  const selectTask = useApp((s) => s.selectTask);
  const loadOlder = useApp((s) => s.loadOlderTasks);
  const onKeyDown = useBoardKeyboard(view.columns);
  const now = useNow(1000);
  const visible = selectedId && view.columns.some((c) => c.some((t) => t.id === selectedId));
  const tabbableId = visible ? selectedId : (view.columns.find((c) => c.length)?.[0]?.id ?? null);

  return (
    <div className="board" role="group" aria-label="Task board" aria-describedby="board-help" onKeyDown={onKeyDown}>
      <p id="board-help" className="visually-hidden">
        Use the arrow keys to move between tasks and Enter to open one.
      </p>
      {BOARD_COLUMNS.map((column) => {
        const tasks = view.board[column.id];
        const pageable = olderCursor && (column.id === 'done' || column.id === 'failed');
        return (
          <TaskColumn
            key={column.id}
            column={column}
            tasks={tasks}
            count={columnCount(column, tasks.length, totals, view.filtered)}
            selectedId={selectedId}
            tabbableId={tabbableId}
            now={now}
            waitingReasons={waitingReasons}
            onOpen={openTask}
            onSelect={selectTask}
            onMore={pageable ? () => void loadOlder() : undefined}
          />
        );
      })}
    </div>
  );
}
