import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { ViewType } from 'react-diff-view';
import type { default as FileDiffViewComponent } from './FileDiffView.js';
import { baseName, promptTitle } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import { buildFileTree, treeOrder } from './file-tree.js';
import { FileTree } from './FileTree.js';
import { ReviewDecision } from './ReviewDecision.js';
import { useReviewFileKeys } from './use-review-file-keys.js';
import { collapseReason } from './diff-collapse.js';
import { setViewed, useViewed } from './use-viewed.js';
import { useKeyMap } from '../../app/use-key-map.js';

const TREE_PANE_KEY = 'switchboard.review.treeHidden';
const readTreeHidden = (): boolean => {
  try {
    return localStorage.getItem(TREE_PANE_KEY) === '1';
  } catch {
    return false;
  }
};

// The diff viewer (react-diff-view, refractor) is its own chunk, keeping the app's first paint light;
// the app preloads it once idle so opening a review does not wait for it.
// Once loaded it is rendered directly: a lazy component that suspends, even for a moment, makes React
// hold the reveal back (~300 ms), which is most of a first paint.
let loadedViewer: typeof FileDiffViewComponent | null = null;
const loadDiffViewer = () =>
  import('./FileDiffView.js').then((m) => {
    loadedViewer = m.default;
    return m;
  });
const LazyDiffViewer = lazy(loadDiffViewer);
export const preloadDiffViewer = (): void =>
  void loadDiffViewer().then(
    (m) => m.warmUpDiffView(),
    () => {},
  );

/** The diff viewer component: the loaded one, or a lazy one that loads it (compare shows diffs too). */
export const diffViewer = (): typeof FileDiffViewComponent | typeof LazyDiffViewer => loadedViewer ?? LazyDiffViewer;

const CHANGE_STATE: Record<string, string> = {
  pending: 'Awaiting review',
  applied: 'Applied',
  partially_applied: 'Partly applied',
  rejected: 'Rejected',
  superseded: 'Superseded by a newer change',
};

/** One task's change: files with stats, one diff at a time, and the decision. */
export function ReviewPanel({ taskId }: { taskId: string }) {
  const r = useApp((s) => s.review);
  const task = useApp((s) => s.tasksById[taskId]);
  const loadReview = useApp((s) => s.loadReview);
  const select = useApp((s) => s.selectReviewFile);
  const navigate = useApp((s) => s.navigate);
  const expand = useApp((s) => s.expandReviewFile);
  const [viewType, setViewType] = useState<ViewType>('unified');
  const [treeHidden, setTreeHidden] = useState(readTreeHidden);
  // Viewed files whose diff the reviewer opened again.
  const [peek, setPeek] = useState<ReadonlySet<string>>(new Set());
  const isViewed = useViewed();
  const order = useMemo(() => treeOrder(buildFileTree(r.files)), [r.files]);

  // A folded file (collapsed or viewed) has no hunks: n / p go on to the next or previous file.
  const folded = useMemo(() => {
    const f = r.files.find((x) => x.path === r.selectedPath);
    return f != null && ((!r.expanded[f.path] && collapseReason(f) != null) || (isViewed(r.change?.id, f) && !peek.has(f.path)));
  }, [r.files, r.selectedPath, r.expanded, r.change, peek, isViewed]);
  const stepFile = (by: number) => {
    const at = order.findIndex((f) => f.path === r.selectedPath);
    const next = order[at + by];
    if (at >= 0 && next) void select(next.path);
  };
  useKeyMap({ n: () => stepFile(1), p: () => stepFile(-1) }, folded && r.taskId === taskId && !r.loading);

  // The review in the store may be this task's from an earlier visit: it is reloaded, and not drawn
  // in the meantime (drawing a big diff only to replace it doubled the time to the first paint).
  const loadedHere = useRef<string | null>(null);
  useEffect(() => {
    loadedHere.current = taskId;
    void loadReview(taskId);
  }, [taskId, loadReview]);
  useReviewFileKeys(order, r.taskId === taskId && !r.loading && r.change != null);

  // The review always shows the change that approve would apply: while a follow-up runs the loaded
  // change is out of date, and when the task is back in review its new change is loaded.
  const reviewing = task?.state === 'awaiting_review';
  const wasReviewing = useRef(reviewing);
  useEffect(() => {
    if (reviewing && !wasReviewing.current) void loadReview(taskId);
    wasReviewing.current = reviewing;
  }, [reviewing, taskId, loadReview]);

  if (r.taskId !== taskId || r.loading || loadedHere.current !== taskId) return <p className="empty" role="status">Loading the change…</p>;
  if (r.error)
    return (
      <div className="notice notice-error review-error" role="alert">
        <p>{r.error}</p>
      </div>
    );
  const change = r.change!;
  // A pending change whose task went back to its agent (a follow-up) is no longer what approve takes.
  const outdated = change.state === 'pending' && task != null && task.state !== 'awaiting_review';
  const pending = change.state === 'pending' && !outdated;
  const file = r.files.find((f) => f.path === r.selectedPath) ?? null;
  const diff = file ? r.diffs[file.path] : undefined;
  const at = file ? order.findIndex((f) => f.path === file.path) : -1;
  const conflicts = change.review.conflicts ?? [];
  const FileDiffView = diffViewer();
  const collapsed = file && !r.expanded[file.path] ? collapseReason(file) : null;
  const viewed = file ? isViewed(change.id, file) : false;
  const toggleTree = () => {
    setTreeHidden(!treeHidden);
    try {
      localStorage.setItem(TREE_PANE_KEY, treeHidden ? '0' : '1');
    } catch {}
  };

  return (
    <section className="review" aria-label={`Review of ${taskId}`}>
      <header className="review-head">
        <div className="review-title">
          <h2>{task ? promptTitle(task.prompt, 140) : taskId}</h2>
          <div className="detail-muted">
            {task ? `${baseName(task.projectDir)} · ${task.agent} · ` : ''}
            {change.filesCount} file{change.filesCount === 1 ? '' : 's'} <span className="stat-add">+{change.additions}</span>{' '}
            <span className="stat-del">−{change.deletions}</span> · {CHANGE_STATE[change.state] ?? change.state}
          </div>
        </div>
        {task?.groupId ? (
          <button type="button" className="btn" onClick={() => navigate('compare', taskId)}>
            Compare agents
          </button>
        ) : null}
        {pending ? <ReviewDecision /> : null}
      </header>
      {outdated ? (
        <div className="notice notice-warn" role="status">
          <p>This change is out of date: the task is {task.state === 'running' ? 'running a follow-up' : task.state.replace('_', ' ')}. The review reloads with the new change when the agent finishes.</p>
        </div>
      ) : null}
      {r.outcome ? (
        <div className="notice notice-ok" role="status">
          <p>{r.outcome}</p>
        </div>
      ) : null}
      {r.actionError ? (
        <div className="notice notice-error" role="alert">
          <p>{r.actionError}</p>
        </div>
      ) : null}
      {conflicts.length || change.review.error ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>The change does not apply cleanly to the project.</strong> {change.review.error}
            {conflicts.length ? ` Conflicting files: ${conflicts.join(', ')}.` : ''} Untick the conflicting files and approve the rest, or send a follow-up asking the agent to
            rebase its work.
          </p>
        </div>
      ) : null}
      <div className="review-body">
        {treeHidden ? null : <FileTree files={r.files} pending={pending} changeId={change.id} />}
        <div className="review-diff">
          {file ? (
            <div className="diff-bar">
              <button type="button" className="btn btn-ghost" aria-pressed={!treeHidden} aria-label={treeHidden ? 'Show the file tree' : 'Hide the file tree'} title={treeHidden ? 'Show the file tree' : 'Hide the file tree'} onClick={toggleTree}>
                ☰
              </button>
              <code className="diff-path">{file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ${file.path}` : file.path}</code>
              <button type="button" className="btn btn-ghost" disabled={at <= 0} aria-label="Previous file" onClick={() => void select(order[at - 1].path)}>
                ↑
              </button>
              <button type="button" className="btn btn-ghost" disabled={at < 0 || at >= order.length - 1} aria-label="Next file" onClick={() => void select(order[at + 1].path)}>
                ↓
              </button>
              <label className="viewed-toggle" title="Mark the file as viewed: its diff folds away, and the mark stays after a reload">
                <input
                  type="checkbox"
                  checked={viewed}
                  onChange={() => {
                    setViewed(change.id, file, !viewed);
                    setPeek((p) => new Set([...p].filter((x) => x !== file.path)));
                  }}
                />
                Viewed
              </label>
              <div className="segmented" role="group" aria-label="Diff layout">
                {(['unified', 'split'] as const).map((v) => (
                  <button key={v} type="button" className="btn btn-ghost" aria-pressed={viewType === v} onClick={() => setViewType(v)}>
                    {v === 'unified' ? 'Unified' : 'Split'}
                  </button>
                ))}
              </div>
            </div>
          ) : null}
          {!file ? <p className="empty">The change has no files.</p> : null}
          {file && diff?.error ? (
            <div className="notice notice-error" role="alert">
              <p>{diff.error}</p>
            </div>
          ) : null}
          {file && collapsed ? (
            <div className="diff-collapsed" role="status">
              <p>{collapsed}: not shown until asked. Approving applies it either way.</p>
              <button type="button" className="btn" onClick={() => void expand(file.path)}>
                Show diff
              </button>
            </div>
          ) : file && viewed && !peek.has(file.path) ? (
            <div className="diff-collapsed" role="status">
              <p>Viewed: the diff is folded away.</p>
              <button type="button" className="btn" onClick={() => setPeek((p) => new Set([...p, file.path]))}>
                Show diff
              </button>
            </div>
          ) : null}
          {file && !collapsed && !diff ? <p className="detail-muted diff-note">Loading the diff…</p> : null}
          {file && !collapsed && (!viewed || peek.has(file.path)) && diff?.patch != null ? (
            <Suspense fallback={<p className="detail-muted diff-note">Loading the diff viewer…</p>}>
              <FileDiffView
                key={file.path}
                file={file}
                patch={diff.patch}
                truncated={diff.truncated}
                viewType={viewType}
                pending={pending}
                onNextFile={at < order.length - 1 ? () => void select(order[at + 1].path) : undefined}
                onPrevFile={at > 0 ? () => void select(order[at - 1].path) : undefined}
              />
            </Suspense>
          ) : null}
        </div>
      </div>
    </section>
  );
}
