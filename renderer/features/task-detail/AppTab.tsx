import type { AppState } from '../../../shared/models/app-run.js';
import type { Task } from '../../../shared/models/task.js';
import { TerminalView } from '../terminal/TerminalView.js';

/** The App tab: the app's terminal (switchboard.json `run`), or why it cannot run and how to fix that. */
export function AppTab({ task, app }: { task: Task; app: AppState | null }) {
  const why = app?.message ?? null;
  if (!app?.run) {
    return (
      <div className="detail-app-empty">
        <p className="detail-muted" role="status">
          {why ?? (app?.command ? `Run starts “${app.command}” in this task's worktree; its output shows here.` : 'Loading…')}
        </p>
      </div>
    );
  }
  return (
    <>
      {why ? (
        <p className="detail-muted detail-app-note" role="status">
          {why}
        </p>
      ) : null}
      <TerminalView key={`${task.id}-app`} task={task} stream="app" appRunning={app.status === 'running'} />
    </>
  );
}
