import type { Run } from '../../../shared/models/run.js';
import type { RunUsage } from '../../../shared/models/usage.js';
import type { Task } from '../../../shared/models/task.js';
import { useNow } from '../../app/use-now.js';
import { baseName, formatDateTime, formatSpan, prSummary, taskDuration } from '../../lib/format.js';
import { RunHistory } from './RunHistory.js';

const SOURCE_LABELS: Record<Task['source'], string> = { dispatch: 'a dispatch file', ui: 'the app', cli: 'the CLI', api: 'the API' };

/** The task's facts, prompt, constraints and run history. */
export function TaskFacts({ task, runs, waiting, usage }: { task: Task; runs: Run[]; waiting?: string | null; usage: RunUsage[] }) {
  const now = useNow(1000);
  const duration = taskDuration(task, now);
  const constraints = Array.isArray(task.meta.constraints) ? (task.meta.constraints as unknown[]).map(String) : [];
  return (
    <>
      <dl className="facts">
        <dt>Project</dt>
        <dd title={task.projectDir}>
          {baseName(task.projectDir)} <span className="detail-muted mono">{task.projectDir}</span>
        </dd>
        <dt>Agent</dt>
        <dd>{task.agent}</dd>
        <dt>Created</dt>
        <dd>
          {formatDateTime(task.createdAt)} <span className="detail-muted">via {SOURCE_LABELS[task.source] ?? task.source}</span>
        </dd>
        <dt>Duration</dt>
        <dd>
          {duration != null ? formatSpan(duration) : 'not started'} <span className="detail-muted">of {formatSpan(task.ttlSeconds * 1000)} allowed</span>
        </dd>
        {task.branch ? (
          <>
            <dt>Branch</dt>
            <dd className="mono">{task.branch}</dd>
          </>
        ) : null}
        {task.pr ? (
          <>
            <dt>Pull request</dt>
            <dd>
              #{task.pr.number} {prSummary(task.pr)} <span className="mono detail-muted">{task.pr.url}</span>
            </dd>
          </>
        ) : null}
        {task.worktreePath ? (
          <>
            <dt>Worktree</dt>
            <dd className="mono">{task.worktreePath}</dd>
          </>
        ) : null}
      </dl>
      <section aria-label="Prompt">
        <h3 className="detail-h3">Prompt</h3>
        <pre className="prompt">{task.prompt}</pre>
      </section>
      {constraints.length ? (
        <section aria-label="Constraints">
          <h3 className="detail-h3">Constraints</h3>
          <ul className="constraints">
            {constraints.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label="Runs">
        <h3 className="detail-h3">Runs</h3>
        <RunHistory runs={runs} waiting={task.state === 'queued' ? waiting : null} usage={usage} />
      </section>
    </>
  );
}
