import { useEffect, useMemo, useRef, useState } from 'react';
import { useViewed } from './use-viewed.js';
import type { ChangeFile } from '../../../shared/models/change.js';
import { useApp } from '../../store/store-context.js';
import { buildFileTree, type TreeDir } from './file-tree.js';
import { checkState, type CheckState } from './review-selection.js';
import { RISK_LABELS, riskFlags } from '../../../shared/models/change-risk.js';

const STATUS: Record<ChangeFile['status'], string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R', copied: 'C', mode: 'M', typechange: 'T' };

function TriCheckbox({ state, label, onChange, disabled }: { state: CheckState; label: string; onChange(): void; disabled: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" aria-label={label} checked={state === 'all'} disabled={disabled} onChange={onChange} />;
}

/** "+12 −3", the added and removed lines of a file or a change. */
export function Stats({ add, del }: { add: number; del: number }) {
  return (
    <span className="stats" aria-label={`${add} added, ${del} removed lines`}>
      <span className="stat-add">+{add}</span> <span className="stat-del">−{del}</span>
    </span>
  );
}

function Dir({ dir, depth, pending, changeId }: { dir: TreeDir; depth: number; pending: boolean; changeId: number }) {
  const isViewed = useViewed();
  // Folders the reviewer folded, by path.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const fold = (path: string) => setFolded((f) => (f.has(path) ? new Set([...f].filter((p) => p !== path)) : new Set([...f, path])));
  const selection = useApp((s) => s.review.selection);
  const selected = useApp((s) => s.review.selectedPath);
  const select = useApp((s) => s.selectReviewFile);
  const toggle = useApp((s) => s.toggleReviewFile);
  return (
    <>
      {dir.children.map((node) =>
        node.kind === 'dir' ? (
          <li key={`d:${node.path}`} role="none">
            <button type="button" className="tree-dir" style={{ paddingLeft: 8 + depth * 14 }} aria-expanded={!folded.has(node.path)} onClick={() => fold(node.path)}>
              <span className="tree-caret" aria-hidden="true">
                {folded.has(node.path) ? '▸' : '▾'}
              </span>
              <span className="tree-dir-name">{node.name}/</span>
              <Stats add={node.additions} del={node.deletions} />
            </button>
            {folded.has(node.path) ? null : (
              <ul role="group" className="tree">
                <Dir dir={node} depth={depth + 1} pending={pending} changeId={changeId} />
              </ul>
            )}
          </li>
        ) : (
          <li key={node.file.path} role="treeitem" aria-selected={selected === node.file.path} data-viewed={isViewed(changeId, node.file) ? 'true' : undefined} className="tree-file" style={{ paddingLeft: 8 + depth * 14 }}>
            {pending ? (
              <TriCheckbox state={checkState(selection, node.file.path)} label={`Apply ${node.file.path}`} disabled={false} onChange={() => toggle(node.file.path)} />
            ) : null}
            <span className="file-status" data-status={node.file.status} title={node.file.status}>
              {STATUS[node.file.status]}
            </span>
            <button type="button" className="tree-name" title={node.file.oldPath ? `${node.file.oldPath} → ${node.file.path}` : node.file.path} onClick={() => void select(node.file.path)}>
              {node.name}
            </button>
            {isViewed(changeId, node.file) ? (
              <span className="viewed-mark" title="Viewed" aria-label="Viewed">
                ✓
              </span>
            ) : null}
            <RiskBadges file={node.file} />
            <Stats add={node.file.additions} del={node.file.deletions} />
          </li>
        ),
      )}
    </>
  );
}

/** A small warning per risk flag (symlink, executable, CI workflow...), explained in its tooltip. */
function RiskBadges({ file }: { file: ChangeFile }) {
  const flags = riskFlags(file);
  if (!flags.length) return null;
  return (
    <span className="risk-badges">
      {flags.map((f) => (
        <span key={f} className="risk-badge" title={`Review with care: this ${RISK_LABELS[f].why}`} aria-label={`Review with care: ${RISK_LABELS[f].label}`}>
          ⚠ {RISK_LABELS[f].label}
        </span>
      ))}
    </span>
  );
}

/** The changed files as a folder tree with line stats and, while pending, what to apply. */
export function FileTree({ files, pending, changeId }: { files: ChangeFile[]; pending: boolean; changeId: number }) {
  const tree = useMemo(() => buildFileTree(files), [files]);
  const isViewed = useViewed();
  const viewed = files.filter((f) => isViewed(changeId, f)).length;
  return (
    <nav className="file-tree" aria-label="Changed files">
      <p className="tree-viewed detail-muted">
        {viewed} of {files.length} file{files.length === 1 ? '' : 's'} viewed
      </p>
      <ul role="tree" className="tree">
        <Dir dir={tree} depth={0} pending={pending} changeId={changeId} />
      </ul>
    </nav>
  );
}
