import { useMemo } from 'react';
import { Page } from '../../app/Page.js';
import { useNow } from '../../app/use-now.js';
import { baseName, formatAge, promptTitle } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import { ReviewPanel } from './ReviewPanel.js';

/** Review: the tasks whose changes wait for a decision, and the review of the one picked. */
export function ReviewScreen() {
  const tasksById = useApp((s) => s.tasksById);
  const openTaskId = useApp((s) => s.openTaskId);
  const navigate = useApp((s) => s.navigate);
  const now = useNow(30_000);
  const waiting = useMemo(
    () => Object.values(tasksById).filter((t) => t.state === 'awaiting_review').sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt)),
    [tasksById],
  );

  return (
    <Page title="Review" scroll={false}>
      <div className="review-layout">
        {waiting.length || openTaskId ? (
          <>
            <ul className="review-queue" aria-label="Tasks awaiting review">
              {waiting.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    className="card"
                    data-column="review"
                    aria-current={t.id === openTaskId ? 'true' : undefined}
                    aria-selected={t.id === openTaskId}
                    onClick={() => navigate('review', t.id)}
                  >
                    <span className="card-title">{promptTitle(t.prompt)}</span>
                    <span className="card-meta">
                      <span className="card-project" title={t.projectDir}>
                        {baseName(t.projectDir)}
                      </span>
                      <span className="card-agent">{t.agent}</span>
                      <span>{formatAge(t.updatedAt, now)}</span>
                    </span>
                  </button>
                </li>
              ))}
              {!waiting.length ? <li className="detail-muted">No other task awaits review.</li> : null}
            </ul>
            {openTaskId ? <ReviewPanel taskId={openTaskId} /> : <p className="empty">Pick a task on the left to review its changes.</p>}
          </>
        ) : (
          <div className="empty">
            <h2>Nothing to review</h2>
            <p>When an agent finishes a task with changes, it waits here for you to approve or reject it.</p>
            <button type="button" className="btn" onClick={() => navigate('tasks')}>
              Go to the task board
            </button>
          </div>
        )}
      </div>
    </Page>
  );
}
