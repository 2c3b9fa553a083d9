import type { Run } from '../../../shared/models/run.js';
import { formatDateTime, formatSpan } from '../../lib/format.js';

function exitText(r: Run): string {
  if (r.state === 'starting' || r.state === 'running') return r.state;
  if (r.signal) return `killed by ${r.signal}`;
  if (r.exitCode != null) return `exit ${r.exitCode}`;
  return r.state;
}

/** Every attempt at the task, newest first, with how it ended and why. */
export function RunHistory({ runs, waiting }: { runs: Run[]; waiting?: string | null }) {
  if (!runs.length) return <p className="detail-muted">No run yet{waiting ? `: ${waiting}.` : '.'}</p>;
  const sorted = [...runs].sort((a, b) => b.attempt - a.attempt);
  return (
    <ol className="runs" aria-label="Run history">
      {sorted.map((r) => {
        const ms = r.endedAt ? Date.parse(r.endedAt) - Date.parse(r.startedAt) : null;
        return (
          <li key={r.id} className="run" data-failed={r.errorType ? 'true' : undefined}>
            <div className="run-head">
              <strong>Attempt {r.attempt}</strong>
              <span>
                {r.agent} · {r.transport.toUpperCase()}
              </span>
              <span className="run-exit">{exitText(r)}</span>
            </div>
            <div className="run-meta">
              <span>Started {formatDateTime(r.startedAt)}</span>
              {ms != null ? <span>took {formatSpan(ms)}</span> : null}
              {r.pid ? <span>pid {r.pid}</span> : null}
              {r.outputBytes ? <span>{(r.outputBytes / 1024).toFixed(1)} KB output</span> : null}
            </div>
            {r.error ? (
              <p className="run-error">
                {r.errorType ? <code>{r.errorType}</code> : null} {r.error}
              </p>
            ) : null}
            {r.flags.length ? <p className="run-flags">Notes: {r.flags.join(', ')}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
