import { Page } from '../../app/Page.js';
import { newTaskShortcut } from '../../lib/platform.js';
import { useApp, useClient } from '../../store/store-context.js';
import { TaskDetailPane } from '../task-detail/TaskDetailPane.js';
import { TaskBoard } from './TaskBoard.js';
import { TaskToolbar } from './TaskToolbar.js';
import { useBoard } from './use-board.js';

/** The Tasks screen: the live board, with the open task's detail beside it. */
export function TasksScreen() {
  const newTaskKey = newTaskShortcut(useClient().runsIn, navigator.platform);
  const view = useBoard();
  const loaded = useApp((s) => s.tasksLoaded);
  const error = useApp((s) => s.tasksError);
  const reload = useApp((s) => s.loadTasks);
  const openTaskId = useApp((s) => s.openTaskId);
  const openNew = useApp((s) => s.setNewTaskOpen);
  const setFilters = useApp((s) => s.setFilters);

  let body;
  if (!loaded && !error) body = <p className="empty" role="status">Loading tasks…</p>;
  else if (loaded && view.total === 0 && !view.filtered) {
    body = (
      <div className="empty">
        <h2>No tasks yet</h2>
        <p>
          Start one with <strong>New task</strong> ({newTaskKey}), drop a dispatch file in a dispatch folder, or run{' '}
          <code>switchboard dispatch</code>.
        </p>
        <button type="button" className="btn btn-primary" onClick={() => openNew(true)}>
          New task
        </button>
      </div>
    );
  } else if (loaded && view.total === 0) {
    body = (
      <div className="empty">
        <h2>No task matches these filters</h2>
        <p>Change the search or the filters to see more.</p>
        <button type="button" className="btn" onClick={() => void setFilters({ search: '', projectId: null, agent: null })}>
          Clear filters
        </button>
      </div>
    );
  } else body = <TaskBoard view={view} />;

  return (
    <Page title="Tasks" actions={<TaskToolbar />} scroll={false}>
      <div className="board-wrap">
        {error ? (
          <div className="notice notice-error board-error" role="alert">
            <p>{error}</p>
            <button type="button" className="btn" onClick={() => void reload()}>
              Try again
            </button>
          </div>
        ) : null}
        {body}
        {openTaskId ? <TaskDetailPane id={openTaskId} /> : null}
      </div>
    </Page>
  );
}
