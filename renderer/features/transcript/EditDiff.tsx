import { memo, useMemo } from 'react';
import { editLines } from './edit-lines.js';
import type { ToolDiff } from './transcript.js';

/** Lines shown of one edit before "… N more lines": an agent may write a whole large file at once. */
const MAX_LINES = 200;

/** One file edit of a tool call, inline: only what changed, in red and green. */
export const EditDiff = memo(function EditDiff({ diff }: { diff: ToolDiff }) {
  const lines = useMemo(() => editLines(diff), [diff]);
  const shown = lines.slice(0, MAX_LINES);
  const added = lines.filter((l) => l.sign === '+').length;
  const removed = lines.filter((l) => l.sign === '-').length;
  return (
    <div className="tool-diff" aria-label={`Change to ${diff.path}`}>
      <div className="tool-diff-path mono">
        {diff.path} <span className="stat-add">+{added}</span> <span className="stat-del">−{removed}</span>
        {diff.oldText == null ? <span className="detail-muted"> (new content)</span> : null}
      </div>
      <pre className="edit-lines">
        {shown.map((l, i) => (
          <div key={i} className="edit-line" data-sign={l.sign}>
            <span className="edit-sign" aria-hidden="true">
              {l.sign === '@' ? '' : l.sign}
            </span>
            {l.text || ' '}
          </div>
        ))}
        {lines.length > MAX_LINES ? <div className="edit-line detail-muted">… {lines.length - MAX_LINES} more lines</div> : null}
      </pre>
    </div>
  );
});
