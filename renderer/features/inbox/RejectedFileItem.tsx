import type { RejectedDispatchFile } from '../../../shared/contract/dispatch.js';
import { useApp } from '../../store/store-context.js';
import { formatDateTime } from '../../lib/format.js';
import { rejectedKey } from './inbox-slice.js';
import { useState } from 'react';

/** A dispatch file the inbox refused: why, field by field, where it lies, and Retry once it is fixed. */
export function RejectedFileItem({ file }: { file: RejectedDispatchFile }) {
  const retry = useApp((s) => s.retryRejected);
  const error = useApp((s) => s.rejectedErrors[rejectedKey(file)]);
  const [busy, setBusy] = useState(false);
  const headId = `rejected-${file.dir}-${file.name}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return (
    <li className="inbox-item" aria-labelledby={headId}>
      <div className="inbox-item-head">
        <span className="badge" data-column="failed">
          Rejected file
        </span>
        <strong id={headId} className="mono">
          {file.name}
        </strong>
        <span className="detail-muted">{file.dispatchId ?? 'no readable id'} · {formatDateTime(file.rejectedAt)}</span>
      </div>
      <p className="inbox-reason">{file.message}</p>
      {file.errors.length ? (
        <table className="field-problems">
          <thead>
            <tr>
              <th>Field</th>
              <th>Expected</th>
              <th>Found</th>
            </tr>
          </thead>
          <tbody>
            {file.errors.map((e, i) => (
              <tr key={`${e.field}-${i}`}>
                <td className="mono">{e.field}</td>
                <td>{e.expected}</td>
                <td>{e.got}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="detail-muted">
        Fix the file at <code>{file.path}</code>, then retry: it goes back to the inbox and is read again.
      </p>
      <div className="inbox-actions">
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await retry(file);
            setBusy(false);
          }}
        >
          {busy ? 'Retrying…' : 'Retry file'}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
