import type { ComponentType } from 'react';
import type { ChangeFile } from '../../../shared/models/change.js';
import type { Group } from './compare-picks.js';
import { useFilePatches } from './use-compare.js';

interface ViewerProps {
  file: ChangeFile;
  patch: string;
  truncated: boolean;
  viewType: 'unified';
  pending: boolean;
  standalone: boolean;
}

interface Props {
  group: Group;
  path: string;
  /** The sibling whose version of the file lands, or null when it is left out. */
  chosen: string | null;
  open: Set<string>;
  onChoose(taskId: string): void;
  /** The review's diff viewer (its own chunk, loaded lazily). */
  Viewer: ComponentType<ViewerProps>;
}

/** One file as each sibling changed it, side by side, each with "Use this version". */
export function SiblingDiffs({ group, path, chosen, open, onChoose, Viewer }: Props) {
  const patches = useFilePatches(group, path);
  const touched = group.files.find((f) => f.path === path)?.taskIds ?? [];
  const members = group.members.filter((m) => touched.includes(m.task.id));
  const untouched = group.members.filter((m) => !touched.includes(m.task.id)).map((m) => m.task.agent);
  return (
    <div className="compare-diffs" role="group" aria-label={`${path} in each sibling`}>
      <div className="compare-columns" style={{ gridTemplateColumns: `repeat(${Math.max(1, members.length)}, minmax(0, 1fr))` }}>
        {members.map((m) => {
          const got = patches[m.task.id];
          return (
            <section key={m.task.id} className="compare-column" aria-label={`${path} by ${m.task.agent}`} data-chosen={chosen === m.task.id ? 'true' : undefined}>
              <header className="compare-column-head">
                <strong>{m.task.agent}</strong>
                <button
                  type="button"
                  className="btn"
                  aria-pressed={chosen === m.task.id}
                  disabled={!open.has(m.task.id)}
                  onClick={() => onChoose(m.task.id)}
                >
                  {chosen === m.task.id ? `Using ${m.task.agent}’s version` : `Use ${m.task.agent}’s version`}
                </button>
              </header>
              {!got ? <p className="detail-muted">Loading…</p> : null}
              {got && 'error' in got ? <p className="notice notice-error">{got.error}</p> : null}
              {got && 'patch' in got ? (
                <Viewer file={got.file} patch={got.patch} truncated={got.truncated} viewType="unified" pending={false} standalone />
              ) : null}
            </section>
          );
        })}
      </div>
      {untouched.length ? <p className="detail-muted">Not changed by {untouched.join(', ')}.</p> : null}
    </div>
  );
}

