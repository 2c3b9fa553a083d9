import { useMemo } from 'react';
import { buildTranscript, type PlanEntry, type TranscriptItem } from './transcript.js';
import { useRunEvents } from './use-run-events.js';
import { Markdown } from './Markdown.js';
import { ToolCallView } from './ToolCallView.js';

const PLAN_MARK: Record<string, string> = { completed: '☑', in_progress: '◐', pending: '☐' };

function Plan({ entries }: { entries: PlanEntry[] }) {
  const done = entries.filter((e) => e.status === 'completed').length;
  return (
    <section className="plan" aria-label="Plan">
      <h3 className="detail-h3">
        Plan · {done}/{entries.length}
      </h3>
      <ul>
        {entries.map((e, i) => (
          <li key={i} data-status={e.status}>
            <span aria-hidden="true">{PLAN_MARK[e.status] ?? '☐'}</span>
            <span>{e.content}</span>
            <span className="visually-hidden">({e.status.replace('_', ' ')})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Item({ item }: { item: TranscriptItem }) {
  switch (item.type) {
    case 'message':
      return <div className={`msg msg-${item.role}`}>{item.role === 'agent' ? <Markdown text={item.text} /> : item.text}</div>;
    case 'thought':
      return (
        <details className="thought">
          <summary>Thought</summary>
          <div>{item.text}</div>
        </details>
      );
    case 'tool':
      return <ToolCallView tool={item} />;
    case 'result':
      return (
        <div className="result" data-error={item.isError ? 'true' : undefined}>
          <strong>{item.isError ? 'Finished with an error' : 'Finished'}</strong>
          {item.detail ? <span className="detail-muted"> · {item.detail}</span> : null}
          {item.text ? <Markdown text={item.text} /> : null}
        </div>
      );
    case 'note':
      return <div className="note">{item.text}</div>;
  }
}

/** The run as a timeline: messages, collapsible thoughts, tool calls with their diffs, and the plan. */
export function TranscriptView({ taskId, active }: { taskId: string; active: boolean }) {
  const { events, error, loaded } = useRunEvents(taskId);
  const transcript = useMemo(() => buildTranscript(events), [events]);
  return (
    <section className="transcript" aria-label="Timeline">
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {transcript.plan ? <Plan entries={transcript.plan} /> : null}
      {transcript.context ? (
        <div className="context-meter" role="status" aria-label="Context used">
          Context <meter min={0} max={transcript.context.size} value={transcript.context.used} /> {transcript.context.used.toLocaleString()} of{' '}
          {transcript.context.size.toLocaleString()} tokens
        </div>
      ) : null}
      {loaded && !transcript.items.length && !error ? (
        <p className="detail-muted">
          {active
            ? 'Nothing yet: the agent’s messages and tool calls appear here as it works.'
            : 'This run left no messages or tool calls to show: its agent writes only to its terminal. See the Terminal tab.'}
        </p>
      ) : null}
      {transcript.items.map((item) => (
        <Item key={item.key} item={item} />
      ))}
    </section>
  );
}
