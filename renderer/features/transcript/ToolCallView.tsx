import { EditDiff } from './EditDiff.js';
import type { TranscriptItem } from './transcript.js';

type Tool = Extract<TranscriptItem, { type: 'tool' }>;

const inputText = (input: unknown): string | null => {
  if (input === undefined || input === null) return null;
  if (typeof input === 'string') return input;
  const text = JSON.stringify(input, null, 2);
  return text === '{}' ? null : text;
};

const MAX_LINES = 200;
/** At most MAX_LINES lines of a (possibly huge) file, saying how many were left out. */
function clip(text: string): string {
  const lines = text.split('\n');
  return lines.length <= MAX_LINES ? text : `${lines.slice(0, MAX_LINES).join('\n')}\n… ${lines.length - MAX_LINES} more lines`;
}

/** A tool call: what it was, how it went, its input and output, and any file it changed. */
export function ToolCallView({ tool }: { tool: Tool }) {
  // An edit's input is its diff, shown below: the raw JSON would repeat it.
  const input = tool.diffs.length ? null : inputText(tool.input);
  return (
    <details className="tool" data-error={tool.isError ? 'true' : undefined} open={tool.diffs.length > 0}>
      <summary>
        <span className="tool-title">{tool.title}</span>
        {tool.kind ? <code className="detail-muted">{tool.kind}</code> : null}
        {tool.status ? <span className="tool-status" data-status={tool.status}>{tool.status.replace('_', ' ')}</span> : null}
      </summary>
      {tool.locations.length ? <div className="detail-muted mono">{tool.locations.join(', ')}</div> : null}
      {input ? <pre className="tool-io">{clip(input)}</pre> : null}
      {tool.diffs.map((d, i) => (
        <EditDiff key={`${d.path}-${i}`} diff={d} />
      ))}
      {tool.output ? <pre className="tool-io">{clip(tool.output)}</pre> : null}
    </details>
  );
}
