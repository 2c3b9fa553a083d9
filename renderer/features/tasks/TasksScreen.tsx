import { Page } from '../../app/Page.js';
import { ProjectStrip } from '../projects/ProjectStrip.js';
import { newTaskShortcut } from '../../lib/platform.js';
import { useApp, useClient } from '../../store/store-context.js';
import { TaskDetailPane } from '../task-detail/TaskDetailPane.js';
import { TaskBoard } from './TaskBoard.js';
import { TaskList } from './TaskList.js';
import { hasFilters } from './task-filters.js';
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
  const mode = useApp((s) => s.taskView.mode);
  const archived = useApp((s) => s.filters.archived);
  const narrowed = useApp((s) => hasFilters({ ...s.filters, archived: false }));
  const project = useApp((s) => (s.filters.projectId == null ? null : (s.projects.find((p) => p.id === s.filters.projectId) ?? null)));

  let body;
  if (!loaded && !error) body = <p className="empty" role="status">Loading tasks…</p>;
  else if (loaded && view.total === 0 && archived) {
    body = (
      <div className="empty">
        <h2>No archived tasks{narrowed ? ' match these filters' : ''}</h2>
        <p>Archive finished tasks from the list view to keep the board short; they show up here.</p>
        <button type="button" className="btn" onClick={() => void setFilters({ archived: false })}>
          Back to the tasks
        </button>
      </div>
    );
  } else if (loaded && view.total === 0 && !view.filtered) {
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
        <button type="button" className="btn" onClick={() => void setFilters({ search: '', projectId: null, agent: null, archived: false })}>
          Clear filters
        </button>
      </div>
    );
  } else body = mode === 'list' ? <TaskList tasks={view.matching} /> : <TaskBoard view={view} />;

  return (
    <Page title={project ? project.name : 'Tasks'} actions={<TaskToolbar />} strip={project ? <ProjectStrip project={project} /> : null} scroll={false}>
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
