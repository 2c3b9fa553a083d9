import { useState } from 'react';
import { useKeyMap } from '../../app/use-key-map.js';
import { useApp } from '../../store/store-context.js';
import { describeSelection } from './review-selection.js';

type Mode = null | 'reject' | 'followUp';

/** Approve the selection (or send it as a pull request), reject with a reason, or send the task back with a follow-up message. */
export function ReviewDecision() {
  const r = useApp((s) => s.review);
  const approve = useApp((s) => s.approveReview);
  const openPr = useApp((s) => s.openPrReview);
  const reject = useApp((s) => s.rejectReview);
  const followUp = useApp((s) => s.followUpReview);
  const [mode, setMode] = useState<Mode>(null);
  const [text, setText] = useState('');
  const nothing = r.selection.files.size === 0 && Object.keys(r.selection.hunks).length === 0;
  const commentCount = r.comments.length;

  // a approves the selection, r and f open the reject and follow-up forms (see the shortcut sheet).
  useKeyMap({
    a: () => {
      if (r.busy == null && !nothing) void approve();
    },
    r: () => setMode('reject'),
    f: () => setMode('followUp'),
  });

  const submit = async (rerun = false) => {
    const ok = mode === 'reject' ? await reject(text, rerun) : await followUp(text);
    if (ok) {
      setMode(null);
      setText('');
    }
  };

  return (
    <div className="decision">
      <div className="decision-buttons">
        <button type="button" className="btn btn-primary" disabled={r.busy != null || nothing} onClick={() => void approve()}>
          {r.busy === 'approve' ? 'Applying…' : `Approve ${describeSelection(r.selection)}`}
        </button>
        <button type="button" className="btn" disabled={r.busy != null || nothing} title="Commit the selection on switchboard/<task>, push it and open a pull request" onClick={() => void openPr()}>
          {r.busy === 'pr' ? 'Opening PR…' : 'Open pull request'}
        </button>
        <button type="button" className="btn btn-danger" disabled={r.busy != null} aria-pressed={mode === 'reject'} onClick={() => setMode(mode === 'reject' ? null : 'reject')}>
          Reject…
        </button>
        <button type="button" className="btn" disabled={r.busy != null} aria-pressed={mode === 'followUp'} onClick={() => setMode(mode === 'followUp' ? null : 'followUp')}>
          Follow up…
        </button>
      </div>
      {mode ? (
        <form
          className="decision-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field-label" htmlFor="decision-text">
            {mode === 'reject' ? 'Why reject it? (goes in the completion report; needed to re-run with it as feedback)' : `What should the agent do next?${commentCount ? ` Your ${commentCount} comment${commentCount === 1 ? '' : 's'} go with it.` : ''}`}
          </label>
          <textarea id="decision-text" className="textarea" value={text} autoFocus onChange={(e) => setText(e.target.value)} />
          <div className="dialog-foot">
            <button type="button" className="btn" onClick={() => setMode(null)}>
              Cancel
            </button>
            {mode === 'reject' ? (
              <button
                type="button"
                className="btn"
                disabled={r.busy != null || !text.trim()}
                title="Reject this change and start the task afresh, with your reason added to its prompt"
                onClick={() => void submit(true)}
              >
                Reject and re-run with feedback
              </button>
            ) : null}
            <button type="submit" className={`btn ${mode === 'reject' ? 'btn-danger' : 'btn-primary'}`} disabled={r.busy != null || (mode === 'followUp' && !text.trim())}>
              {mode === 'reject' ? 'Reject the change' : 'Send follow-up'}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
