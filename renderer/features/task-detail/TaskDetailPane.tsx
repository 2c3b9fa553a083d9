import { useEffect, useMemo, useRef, useState } from 'react';
import { ACTIVE_STATES } from '../../../shared/models/task.js';
import { promptTitle, stateLabel } from '../../lib/format.js';
import { inDialog } from '../../lib/keys.js';
import { useApp } from '../../store/store-context.js';
import { PermissionPrompt } from '../permissions/PermissionPrompt.js';
import { columnOf } from '../tasks/task-board.js';
import { cardDomId } from '../tasks/use-board-keyboard.js';
import { TerminalView } from '../terminal/TerminalView.js';
import { TranscriptView } from '../transcript/TranscriptView.js';
import { canFinish, cancelWarning, nextStepFor, taskActions } from './task-actions.js';
import { TaskFacts } from './TaskFacts.js';
import { RetryForm } from './RetryForm.js';
import { AppTab } from './AppTab.js';

type Tab = 'terminal' | 'transcript' | 'app' | 'details';
const TABS: { id: Tab; label: string }[] = [
  { id: 'transcript', label: 'Timeline' },
  { id: 'terminal', label: 'Terminal' },
  // The task's app (switchboard.json `run`): its own, second terminal.
  { id: 'app', label: 'App' },
  { id: 'details', label: 'Details' },
];

/** The open task: where it stands, what it needs, its terminal or transcript, and its details. */
export function TaskDetailPane({ id }: { id: string }) {
  const detail = useApp((s) => s.detail);
  const closeTask = useApp((s) => s.closeTask);
  const cancelTask = useApp((s) => s.cancelTask);
  const retryTask = useApp((s) => s.retryTask);
  const finishTask = useApp((s) => s.finishTask);
  const runApp = useApp((s) => s.runApp);
  const stopApp = useApp((s) => s.stopApp);
  const navigate = useApp((s) => s.navigate);
  const pending = useApp((s) => s.pendingPermissions);
  const permissions = useMemo(() => Object.values(pending).filter((p) => p.taskId === id), [pending, id]);
  const closeRef = useRef<HTMLButtonElement>(null);
  const task = detail.task?.id === id ? detail.task : null;
  const latestRun = detail.runs.length ? detail.runs.reduce((a, b) => (b.attempt > a.attempt ? b : a)) : null;
  // Agents that report structured events (ACP, Claude stream-json, Codex json) open on their
  // rendered timeline; terminal-only agents (TUIs, plain PTY) on the terminal.
  const structured = latestRun?.transport === 'acp' || detail.hasEvents;
  const defaultTab: Tab = !latestRun ? 'details' : structured ? 'transcript' : 'terminal';
  const [chosen, setChosen] = useState<Tab | null>(null);
  const [confirmCancel, setConfirmCancel] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  useEffect(() => {
    setConfirmCancel(null);
    setRetrying(false);
  }, [id]);
  const tab = chosen ?? defaultTab;

  useEffect(() => {
    setChosen(null);
    closeRef.current?.focus();
    // Back to the task's card on close, so keyboard users keep their place on the board.
    return () => document.getElementById(cardDomId(id))?.focus();
  }, [id]);
  useEffect(() => {
    // Escape closes the pane wherever focus is, unless a dialog above it takes the key or it is typed
    // into the agent's terminal (a TUI agent's own Escape: interrupt, close a menu).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !inDialog(e.target) && !document.querySelector('dialog[open]')) closeTask();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [closeTask]);

  const actions = task ? taskActions(task) : null;
  const nextStep = task ? nextStepFor(task) : null;
  return (
    <aside className="detail" aria-label={`Task ${id}`}>
      <header className="detail-head">
        {task ? (
          <span className="badge" data-column={columnOf(task.state)} data-state={task.state}>
            {stateLabel(task.state)}
          </span>
        ) : null}
        <code className="detail-id">{id}</code>
        <button ref={closeRef} type="button" className="btn btn-ghost" aria-label="Close task details (Esc)" onClick={closeTask}>
          ✕
        </button>
      </header>
      <div className="detail-top">
        {detail.error ? (
          <div className="notice notice-error" role="alert">
            <p>{detail.error}</p>
          </div>
        ) : null}
        {!task && detail.loading ? <p className="detail-muted">Loading…</p> : null}
        {task ? (
          <>
            <h2 className="detail-title">{promptTitle(task.prompt, 200)}</h2>
            <div className="detail-actions">
              {canFinish(task, latestRun) ? (
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={detail.busy != null}
                  title="End the agent's session and send its changes to review"
                  onClick={() => void finishTask(task.id)}
                >
                  {detail.busy === 'done' ? 'Finishing…' : 'Done'}
                </button>
              ) : null}
              {detail.app?.status === 'idle' || detail.app?.status === 'exited' ? (
                <button
                  type="button"
                  className="btn"
                  disabled={detail.busy != null}
                  title={`Run the app in this task's worktree: ${detail.app.command}`}
                  onClick={() => void runApp(task.id).then((ok) => ok && setChosen('app'))}
                >
                  {detail.busy === 'run' ? 'Starting…' : 'Run'}
                </button>
              ) : null}
              {detail.app?.status === 'running' ? (
                <button type="button" className="btn" disabled={detail.busy != null} title="Stop the app and everything it started" onClick={() => void stopApp(task.id)}>
                  {detail.busy === 'stop' ? 'Stopping…' : 'Stop app'}
                </button>
              ) : null}
              {actions?.review ? (
                <button type="button" className="btn btn-primary" onClick={() => navigate('review', task.id)}>
                  Review changes
                </button>
              ) : null}
              {task.groupId ? (
                <button type="button" className="btn" onClick={() => navigate('compare', task.id)}>
                  Compare agents
                </button>
              ) : null}
              {actions?.retry ? (
                <button type="button" className="btn" disabled={detail.busy != null} onClick={() => void retryTask(task.id)}>
                  {detail.busy === 'retry' ? 'Retrying…' : 'Retry'}
                </button>
              ) : null}
              {actions?.retry && !retrying ? (
                <button type="button" className="btn" disabled={detail.busy != null} onClick={() => setRetrying(true)}>
                  Retry with changes…
                </button>
              ) : null}
              {actions?.cancel && !confirmCancel ? (
                <button
                  type="button"
                  className="btn btn-danger"
                  disabled={detail.busy != null}
                  onClick={() => {
                    const warning = cancelWarning(task, Date.now());
                    if (warning) setConfirmCancel(warning);
                    else void cancelTask(task.id);
                  }}
                >
                  {detail.busy === 'cancel' ? 'Cancelling…' : 'Cancel task'}
                </button>
              ) : null}
            </div>
            {retrying && actions?.retry ? <RetryForm task={task} onDone={() => setRetrying(false)} /> : null}
            {confirmCancel && actions?.cancel ? (
              <div className="notice notice-warn confirm" role="alertdialog" aria-label="Confirm cancel">
                <p>{confirmCancel}</p>
                <button type="button" className="btn" autoFocus onClick={() => setConfirmCancel(null)}>
                  Keep it
                </button>
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => {
                    setConfirmCancel(null);
                    void cancelTask(task.id);
                  }}
                >
                  Cancel task
                </button>
              </div>
            ) : null}
            {task.state === 'queued' && detail.waiting ? (
              <p className="detail-muted detail-waiting" role="status">
                Waiting: {detail.waiting}
              </p>
            ) : null}
            {task.error ? (
              <div className="notice notice-error">
                <p>
                  <strong>{task.error}</strong>
                  {nextStep ? <span className="detail-next"> {nextStep}</span> : null}
                </p>
              </div>
            ) : null}
            {permissions.map((p) => (
              <PermissionPrompt key={p.id} request={p} />
            ))}
          </>
        ) : null}
      </div>
      {task ? (
        <>
          <div className="tabs" role="tablist" aria-label="Task views">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls="task-tabpanel" className="tab" onClick={() => setChosen(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <div className={`detail-body tab-${tab}`} role="tabpanel" id="task-tabpanel" aria-labelledby={`tab-${tab}`}>
            {tab === 'terminal' ? <TerminalView key={task.id} task={task} /> : null}
            {tab === 'app' ? <AppTab task={task} app={detail.app} /> : null}
            {tab === 'transcript' ? <TranscriptView key={task.id} taskId={task.id} active={ACTIVE_STATES.includes(task.state)} /> : null}
            {tab === 'details' ? <TaskFacts task={task} runs={detail.runs} waiting={detail.waiting} usage={detail.usage} /> : null}
          </div>
        </>
      ) : null}
    </aside>
  );
}
