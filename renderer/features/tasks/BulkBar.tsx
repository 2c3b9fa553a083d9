import { useState } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { bulkSkipReason, type BulkAction } from '../../../shared/models/task-bulk.js';
import { describeError } from '../../api/api-error.js';
import { useApp } from '../../store/store-context.js';

const LABEL: Record<BulkAction, string> = { approve: 'Approve', reject: 'Reject', cancel: 'Cancel', retry: 'Retry', archive: 'Archive', unarchive: 'Unarchive' };
/** Actions that end or drop work ask first; the rest only say what they did. */
const DANGER: ReadonlySet<BulkAction> = new Set(['reject', 'cancel']);

interface Props {
  selected: Task[];
  /** The archived view offers Unarchive instead of Archive. */
  archived: boolean;
  onDone(): void;
}

/** The list's bulk actions on the selected tasks: each counts the tasks the state table lets it act on, asks, then says what happened. */
export function BulkBar({ selected, archived, onDone }: Props) {
  const runBulk = useApp((s) => s.runBulk);
  const [confirm, setConfirm] = useState<BulkAction | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);
  const actions: BulkAction[] = ['approve', 'reject', 'cancel', 'retry', archived ? 'unarchive' : 'archive'];
  const applicable = (a: BulkAction) => selected.filter((t) => !bulkSkipReason(a, t));

  const run = async (action: BulkAction) => {
    setBusy(true);
    try {
      const { summary } = await runBulk(action, selected.map((t) => t.id), action === 'reject' ? reason.trim() || undefined : undefined);
      setResult({ text: summary, error: false });
      onDone();
    } catch (err) {
      setResult({ text: `Could not ${LABEL[action].toLowerCase()} the tasks: ${describeError(err)}`, error: true });
    } finally {
      setBusy(false);
      setConfirm(null);
      setReason('');
    }
  };

  const skipped = confirm ? selected.length - applicable(confirm).length : 0;
  const skipReasons = confirm ? [...new Set(selected.flatMap((t) => bulkSkipReason(confirm, t) ?? []))].join('; ') : '';
  return (
    <div className="bulk">
      {selected.length ? (
        <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
          <span className="bulk-count">{selected.length} selected</span>
          {actions.map((a) => {
            const n = applicable(a).length;
            return (
              <button key={a} type="button" className={`btn${DANGER.has(a) ? ' btn-danger' : ''}`} disabled={!n || busy} aria-pressed={confirm === a} onClick={() => setConfirm(a)}>
                {LABEL[a]} ({n})
              </button>
            );
          })}
          <button type="button" className="btn btn-ghost" onClick={onDone}>
            Clear selection
          </button>
        </div>
      ) : null}
      {confirm && selected.length ? (
        <div className="notice notice-warn bulk-confirm" role="alertdialog" aria-label={`Confirm ${LABEL[confirm].toLowerCase()}`}>
          <p>
            {LABEL[confirm]} {applicable(confirm).length} of the {selected.length} selected task{selected.length === 1 ? '' : 's'}?
            {skipped ? ` ${skipped} will be skipped: ${skipReasons}.` : ''}
          </p>
          {confirm === 'reject' ? (
            <textarea className="input bulk-reason" aria-label="Reason for rejecting (optional)" placeholder="Reason (optional)" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          ) : null}
          <div className="bulk-confirm-buttons">
            <button type="button" className="btn" autoFocus onClick={() => setConfirm(null)}>
              Back
            </button>
            <button type="button" className={`btn ${DANGER.has(confirm) ? 'btn-danger' : 'btn-primary'}`} disabled={busy} onClick={() => void run(confirm)}>
              {busy ? 'Working…' : `${LABEL[confirm]} ${applicable(confirm).length} task${applicable(confirm).length === 1 ? '' : 's'}`}
            </button>
          </div>
        </div>
      ) : null}
      {result ? (
        <div className={`notice ${result.error ? 'notice-error' : 'notice-ok'} bulk-result`} role="status">
          <p>{result.text}</p>
          <button type="button" className="btn btn-ghost" aria-label="Dismiss" onClick={() => setResult(null)}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
