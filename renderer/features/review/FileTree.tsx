import { useEffect, useMemo, useRef } from 'react';
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

function Dir({ dir, depth, pending }: { dir: TreeDir; depth: number; pending: boolean }) {
  const selection = useApp((s) => s.review.selection);
  const selected = useApp((s) => s.review.selectedPath);
  const select = useApp((s) => s.selectReviewFile);
  const toggle = useApp((s) => s.toggleReviewFile);
  return (
    <>
      {dir.children.map((node) =>
        node.kind === 'dir' ? (
          <li key={`d:${node.path}`} role="none">
            <div className="tree-dir" style={{ paddingLeft: 8 + depth * 14 }}>
              <span>{node.name}/</span>
              <Stats add={node.additions} del={node.deletions} />
            </div>
            <ul role="group" className="tree">
              <Dir dir={node} depth={depth + 1} pending={pending} />
            </ul>
          </li>
        ) : (
          <li key={node.file.path} role="treeitem" aria-selected={selected === node.file.path} className="tree-file" style={{ paddingLeft: 8 + depth * 14 }}>
            {pending ? (
              <TriCheckbox state={checkState(selection, node.file.path)} label={`Apply ${node.file.path}`} disabled={false} onChange={() => toggle(node.file.path)} />
            ) : null}
            <span className="file-status" data-status={node.file.status} title={node.file.status}>
              {STATUS[node.file.status]}
            </span>
            <button type="button" className="tree-name" title={node.file.oldPath ? `${node.file.oldPath} → ${node.file.path}` : node.file.path} onClick={() => void select(node.file.path)}>
              {node.name}
            </button>
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
export function FileTree({ files, pending }: { files: ChangeFile[]; pending: boolean }) {
  const tree = useMemo(() => buildFileTree(files), [files]);
  return (
    <nav className="file-tree" aria-label="Changed files">
      <ul role="tree" className="tree">
        <Dir dir={tree} depth={0} pending={pending} />
      </ul>
    </nav>
  );
}
