import type { ReactNode } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { Page } from '../../app/Page.js';
import { useNow } from '../../app/use-now.js';
import { baseName, formatAge, promptTitle, stateLabel } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import { PermissionPrompt } from '../permissions/PermissionPrompt.js';
import { columnOf } from '../tasks/task-board.js';
import { RejectedFileItem } from './RejectedFileItem.js';
import { useInbox } from './use-inbox.js';

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (!count) return null;
  const id = `inbox-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="inbox-section" aria-labelledby={id}>
      <h2 id={id} className="inbox-head">
        {title} <span className="column-count">{count}</span>
      </h2>
      <ul className="inbox-list">{children}</ul>
    </section>
  );
}

/** One task in the inbox: what it is, where, and the one action it needs. */
function TaskItem({ task, now, action, children }: { task: Task; now: number; action: ReactNode; children?: ReactNode }) {
  return (
    <li className="inbox-item" aria-label={promptTitle(task.prompt, 80)}>
      <div className="inbox-item-head">
        <span className="badge" data-column={columnOf(task.state)} data-state={task.state}>
          {stateLabel(task.state)}
        </span>
        <strong>{promptTitle(task.prompt, 120)}</strong>
        <span className="detail-muted">
          {baseName(task.projectDir)} · {task.agent} · {formatAge(task.updatedAt, now)}
        </span>
      </div>
      {children}
      <div className="inbox-actions">{action}</div>
    </li>
  );
}

/** Needs you: everything waiting for a person, in one list, newest failures first. */
export function InboxScreen() {
  const items = useInbox();
  const tasks = useApp((s) => s.tasksById);
  const navigate = useApp((s) => s.navigate);
  const dismiss = useApp((s) => s.dismissFailure);
  const stalled = useApp((s) => Object.values(s.waitingReasons).filter((r) => r.includes('for your answer')).length);
  const now = useNow(30_000);
  const open = (id: string) => navigate('tasks', id);

  return (
    <Page title="Needs you">
      <div className="inbox">
        {stalled ? (
          <div className="notice notice-warn" role="status">
            <p>
              {stalled} queued task{stalled === 1 ? ' waits' : 's wait'} behind agents that wait for your answer. Answering below frees their slots.
            </p>
          </div>
        ) : null}
        {!items.count ? (
          <div className="empty">
            <h2>Nothing needs you</h2>
            <p>Permission requests, agents waiting for input, changes to review, failures and refused dispatch files show up here.</p>
          </div>
        ) : null}
        <Section title="Permission requests" count={items.permissions.length}>
          {items.permissions.map((p) => {
            const task = tasks[p.taskId];
            return (
              <li key={p.id} className="inbox-item">
                <div className="inbox-item-head">
                  <button type="button" className="btn btn-ghost inbox-task-link" onClick={() => open(p.taskId)}>
                    {task ? promptTitle(task.prompt, 100) : p.taskId}
                  </button>
                  {task ? <span className="detail-muted">{baseName(task.projectDir)} · {task.agent}</span> : null}
                </div>
                <PermissionPrompt request={p} />
              </li>
            );
          })}
        </Section>
        <Section title="Waiting for input" count={items.input.length}>
          {items.input.map((t) => (
            <TaskItem key={t.id} task={t} now={now} action={<button type="button" className="btn btn-primary" onClick={() => open(t.id)}>Answer in its terminal</button>} />
          ))}
        </Section>
        <Section title="Ready for review" count={items.review.length}>
          {items.review.map((t) => (
            <TaskItem key={t.id} task={t} now={now} action={<button type="button" className="btn btn-primary" onClick={() => navigate('review', t.id)}>Review changes</button>} />
          ))}
        </Section>
        <Section title="Failed" count={items.failures.length}>
          {items.failures.map((t) => (
            <TaskItem
              key={t.id}
              task={t}
              now={now}
              action={
                <>
                  <button type="button" className="btn" onClick={() => open(t.id)}>
                    Open
                  </button>
                  <button type="button" className="btn btn-ghost" aria-label={`Dismiss ${promptTitle(t.prompt, 60)}`} onClick={() => dismiss(t.id)}>
                    Dismiss
                  </button>
                </>
              }
            >
              {t.error ? <p className="inbox-reason">{t.error}</p> : null}
            </TaskItem>
          ))}
        </Section>
        <Section title="Rejected dispatch files" count={items.rejected.length}>
          {items.rejected.map((f) => (
            <RejectedFileItem key={`${f.dir}/${f.name}`} file={f} />
          ))}
        </Section>
      </div>
    </Page>
  );
}
