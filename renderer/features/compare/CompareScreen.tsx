import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Page } from '../../app/Page.js';
import { useNow } from '../../app/use-now.js';
import { baseName, promptTitle } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import { diffViewer } from '../review/ReviewPanel.js';
import { approveLabel, choicesFor, picksFor, reviewable, type FileChoice } from './compare-picks.js';
import { MemberTable } from './MemberTable.js';
import { SiblingDiffs } from './SiblingDiffs.js';
import { useCompare } from './use-compare.js';

/**
 * Compare (issue 17): every sibling of a best-of-N group side by side (state, time, size, usage, how
 * its run ended), one file's diffs across the agents, and one approval: a winner, with files taken
 * from other siblings where wanted. Keys 1–9 pick the winner; Enter on Approve applies.
 */
export function CompareScreen() {
  const taskId = useApp((s) => s.openTaskId);
  const navigate = useApp((s) => s.navigate);
  return (
    <Page
      title="Compare"
      scroll={false}
      actions={
        taskId ? (
          <button type="button" className="btn" onClick={() => navigate('tasks', taskId)}>
            Back to the task
          </button>
        ) : null
      }
    >
      {taskId ? <ComparePanel key={taskId} taskId={taskId} /> : <p className="empty">Open a task of a group (dispatched to several agents) and choose Compare.</p>}
    </Page>
  );
}

function ComparePanel({ taskId }: { taskId: string }) {
  const { group, error, busy, result, approve } = useCompare(taskId);
  const now = useNow(1000);
  const [winner, setWinner] = useState<string | null>(null);
  const [choice, setChoice] = useState<FileChoice>({});
  const [path, setPath] = useState<string | null>(null);
  const approveRef = useRef<HTMLButtonElement>(null);
  const open = useMemo(() => (group ? reviewable(group) : new Set<string>()), [group]);
  // After a pick, Approve is enabled and focused, so Enter applies (it is disabled until the render).
  const [picked, setPicked] = useState(0);
  useEffect(() => {
    if (picked) approveRef.current?.focus();
  }, [picked]);
  const pickWinner = useCallback(
    (id: string) => {
      if (!group) return;
      setWinner(id);
      setChoice(choicesFor(group, id));
      setPicked((n) => n + 1);
    },
    [group],
  );


  // Keys 1–9 pick the sibling of that number as the winner, wherever the focus is (but not while typing).
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!group || e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement | null)?.closest?.('input:not([type=radio]):not([type=checkbox]), textarea, select, dialog[open]')) return;
      const m = /^[1-9]$/.test(e.key) ? group.members[Number(e.key) - 1] : undefined;
      if (m && open.has(m.task.id)) {
        e.preventDefault();
        pickWinner(m.task.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [group, open, pickWinner]);

  // A winner that can no longer be approved (it moved on) is dropped; the file choices follow it.
  useEffect(() => {
    if (!group) return;
    if (winner && !open.has(winner)) setWinner(null);
    if (!path || !group.files.some((f) => f.path === path)) setPath(group.files[0]?.path ?? null);
  }, [group, open, winner, path]);

  if (error) return <div className="notice notice-error" role="alert"><p>{error}</p></div>;
  if (!group) return <p className="empty" role="status">Loading the group…</p>;

  const picks = picksFor(group, winner, choice);
  const label = approveLabel(group, picks);
  const first = group.members[0].task;

  return (
    <section className="compare" aria-label={`Compare group ${group.groupId}`}>
      <header className="compare-head">
        <h2 className="detail-title">{promptTitle(first.prompt, 200)}</h2>
        <span className="detail-muted" title={first.projectDir}>
          {baseName(first.projectDir)} · {group.members.length} agents · {open.size} of {group.members.length} ready
        </span>
      </header>
      <MemberTable group={group} winner={winner} open={open} now={now} onPick={pickWinner} />
      <div className="compare-bar">
        <span className="field-hint">Keys 1–{Math.min(9, group.members.length)} pick the winner; Enter on Approve applies it. The others are then rejected as superseded.</span>
        {result ? (
          <p role="status" className={result.ok ? 'compare-ok' : 'notice notice-error'}>
            {result.message}
          </p>
        ) : null}
        <button ref={approveRef} type="button" className="btn btn-primary" disabled={!picks.length || busy} onClick={() => void approve(picks, label)}>
          {busy ? 'Applying…' : label}
        </button>
      </div>
      <div className="compare-body">
        <ul className="compare-files" aria-label="Files the siblings changed">
          {group.files.map((f) => (
            <li key={f.path}>
              <button type="button" className="compare-file" aria-current={f.path === path ? 'true' : undefined} onClick={() => setPath(f.path)}>
                <span className="mono">{f.path}</span>
                <span className="detail-muted">
                  {f.taskIds.length === 1 ? `only ${agentOf(group, f.taskIds[0])}` : f.taskIds.map((id) => agentOf(group, id)).join(', ')}
                </span>
                <span className="compare-from">{choice[f.path] ? `from ${agentOf(group, choice[f.path]!)}` : 'left out'}</span>
              </button>
            </li>
          ))}
          {!group.files.length ? <li className="detail-muted">No sibling has changed a file yet.</li> : null}
        </ul>
        {path ? (
          <Suspense fallback={<p className="empty">Loading the diff viewer…</p>}>
            <SiblingDiffs
              group={group}
              path={path}
              chosen={choice[path] ?? null}
              open={open}
              onChoose={(id) => setChoice((c) => ({ ...c, [path]: c[path] === id ? null : id }))}
              Viewer={diffViewer()}
            />
          </Suspense>
        ) : null}
      </div>
    </section>
  );
}

const agentOf = (group: { members: { task: { id: string; agent: string } }[] }, id: string): string => group.members.find((m) => m.task.id === id)?.task.agent ?? id;
