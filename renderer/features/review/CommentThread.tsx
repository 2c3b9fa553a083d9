import { useState } from 'react';
import type { ChangeComment } from '../../../shared/models/change.js';

interface Props {
  comments: ChangeComment[];
  /** Set while the reviewer writes a new comment on this line. */
  composing: boolean;
  busy: boolean;
  onSubmit(body: string): Promise<boolean>;
  onCancel(): void;
}

/** The comments on one diff line, and the form for a new one. */
export function CommentThread({ comments, composing, busy, onSubmit, onCancel }: Props) {
  const [body, setBody] = useState('');
  return (
    <div className="comment-thread">
      {comments.map((c) => (
        <div key={c.id} className="comment">
          <span className="detail-muted">
            Line {c.line} ({c.side})
          </span>
          <div>{c.body}</div>
        </div>
      ))}
      {composing ? (
        <form
          className="comment-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (body.trim() && (await onSubmit(body.trim()))) setBody('');
          }}
        >
          <textarea
            className="textarea"
            aria-label="Comment on this line"
            placeholder="What should the agent change here? Sent with a follow-up. (Ctrl+Enter to add it)"
            value={body}
            autoFocus
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                onCancel();
              } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <div className="dialog-foot">
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy || !body.trim()}>
              Comment
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
