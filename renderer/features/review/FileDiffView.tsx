import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useKeyMap } from '../../app/use-key-map.js';
import { Decoration, Diff, getChangeKey, Hunk, type ChangeData, type ViewType } from 'react-diff-view';
import 'react-diff-view/style/index.css';
import type { ChangeComment, ChangeFile } from '../../../shared/models/change.js';
import { useApp } from '../../store/store-context.js';
import { CommentThread } from './CommentThread.js';
import { hunkChecked } from './review-selection.js';
import { useDiffView } from './use-diff-view.js';

export { warmUpDiffView } from './use-diff-view.js';

interface Props {
  file: ChangeFile;
  patch: string;
  truncated: boolean;
  viewType: ViewType;
  /** Whether the change still awaits a decision (checkboxes and comments are live). */
  pending: boolean;
  /** Shown outside the review (compare): no checkboxes and none of the open review's comments. */
  standalone?: boolean;
  /** n past the last hunk and p before the first move to the next or previous file. */
  onNextFile?: () => void;
  onPrevFile?: () => void;
}

const hunkDomId = (index: number): string => `review-hunk-${index}`;
const NO_COMMENTS: ChangeComment[] = [];

/** Where a comment belongs: the old or new side, and that side's line number. */
const lineOf = (c: ChangeData): { side: 'old' | 'new'; line: number } =>
  c.type === 'delete' ? { side: 'old', line: c.lineNumber } : c.type === 'insert' ? { side: 'new', line: c.lineNumber } : { side: 'new', line: c.newLineNumber };

/** One file's diff: highlighted, a window at a time, with per-hunk approval and line comments. */
export default function FileDiffView({ file, patch, truncated, viewType, pending, standalone = false, onNextFile, onPrevFile }: Props) {
  const { file: parsed, hunkCount, view, tokens, sentinel, more, showAll } = useDiffView(file.path, patch);
  const selection = useApp((s) => s.review.selection);
  const reviewComments = useApp((s) => s.review.comments);
  const comments = standalone ? NO_COMMENTS : reviewComments;
  const busy = useApp((s) => s.review.busy === 'comment');
  const toggleHunk = useApp((s) => s.toggleReviewHunk);
  const addComment = useApp((s) => s.addReviewComment);
  const [composing, setComposing] = useState<string | null>(null);
  // The hunk the keyboard works on (n / p move it, space toggles it, c comments on it).
  const [cursor, setCursor] = useState(0);
  const shown = view.hunks.length;
  // Scrolls to the hunk the keyboard moved to (not on opening: the first hunk is in view, and a
  // forced layout there would delay the first paint).
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) document.getElementById(hunkDomId(cursor))?.scrollIntoView({ block: 'nearest' });
    moved.current = true;
  }, [cursor]);
  useKeyMap({
    n: () => {
      if (cursor < shown - 1) setCursor(cursor + 1);
      else if (cursor < hunkCount - 1) {
        showAll();
        setCursor(cursor + 1);
      } else onNextFile?.();
    },
    p: () => (cursor > 0 ? setCursor(cursor - 1) : onPrevFile?.()),
    ' ': () => {
      if (pending && cursor < hunkCount) toggleHunk(file.path, cursor, hunkCount);
    },
    c: () => {
      const changes = (view.hunks[cursor]?.changes ?? []) as ChangeData[];
      const first = changes.find((ch) => ch.type !== 'normal') ?? changes[0];
      if (pending && first) setComposing(getChangeKey(first));
    },
  });

  const widgets = useMemo(() => {
    const byKey = new Map<string, { change: ChangeData; list: ChangeComment[] }>();
    const mine = comments.filter((c) => c.path === file.path);
    for (const h of view.hunks) {
      for (const change of h.changes as ChangeData[]) {
        const { side, line } = lineOf(change);
        const list = mine.filter((c) => c.side === side && c.line === line);
        const key = getChangeKey(change);
        if (list.length || key === composing) byKey.set(key, { change, list });
      }
    }
    const out: Record<string, ReactNode> = {};
    for (const [key, { change, list }] of byKey) {
      const { side, line } = lineOf(change);
      out[key] = (
        <CommentThread
          comments={list}
          composing={key === composing}
          busy={busy}
          onCancel={() => setComposing(null)}
          onSubmit={async (body) => {
            const ok = await addComment(file.path, line, side, body);
            if (ok) setComposing(null);
            return ok;
          }}
        />
      );
    }
    return out;
  }, [comments, composing, view.hunks, file.path, busy, addComment]);

  if (file.binary) return <p className="detail-muted diff-note">Binary file{file.size != null ? ` (${file.size.toLocaleString()} bytes)` : ''}: no text diff to show.</p>;
  if (!parsed || !hunkCount) return <p className="detail-muted diff-note">No line changes (only the file’s mode or name changed).</p>;

  return (
    <div className="file-diff" data-path={file.path}>
      {truncated ? <p className="notice notice-warn diff-note">This diff is too large to show in full; approving still applies all of it.</p> : null}
      <Diff
        viewType={viewType}
        diffType={parsed.type}
        hunks={view.hunks}
        tokens={tokens}
        widgets={widgets}
        gutterEvents={pending ? { onClick: ({ change }) => change && setComposing(getChangeKey(change)) } : undefined}
      >
        {(hunks) =>
          hunks.flatMap((hunk, index) => [
            <Decoration key={`d-${hunk.content}-${index}`}>
              <label className="hunk-head" id={hunkDomId(index)} data-current={index === cursor ? 'true' : undefined}>
                {pending ? (
                  <input
                    type="checkbox"
                    aria-label={`Apply hunk ${index + 1} of ${file.path}`}
                    checked={hunkChecked(selection, file.path, index)}
                    onChange={() => toggleHunk(file.path, index, hunkCount)}
                  />
                ) : null}
                <code>{hunk.content}</code>
              </label>
            </Decoration>,
            <Hunk key={`h-${hunk.content}-${index}`} hunk={hunk} />,
          ])
        }
      </Diff>
      {more ? (
        <div ref={sentinel} className="diff-more">
          Showing {view.shownLines.toLocaleString()} of {view.totalLines.toLocaleString()} lines.{' '}
          <button type="button" className="btn btn-ghost" onClick={showAll}>
            Show all
          </button>
        </div>
      ) : null}
    </div>
  );
}
