import { useEffect, useState } from 'react';
import type { Project } from '../../../shared/models/project.js';
import type { SwitchboardFileView } from '../../../shared/models/project-status.js';
import { describeError } from '../../api/api-error.js';
import { useApp } from '../../store/store-context.js';

const SHOWN = ['setup', 'teardown', 'run', 'copyFiles', 'baseBranch', 'applyMode'] as const;

const text = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

/** The project's switchboard.json, read-only: its path, its values, and which of them the app's settings replace. */
export function SwitchboardFileSection({ project }: { project: Project }) {
  const read = useApp((s) => s.readSwitchboardFile);
  const [view, setView] = useState<SwitchboardFileView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    read(project.id).then(
      (v) => live && (setView(v), setError(null)),
      (err: unknown) => live && setError(describeError(err)),
    );
    return () => {
      live = false;
    };
    // The overrides follow the project's settings, so a save reads it again.
  }, [read, project.id, project.settings]);

  const overridden = new Map(view?.overrides.map((o) => [o.key, o.note]));
  return (
    <section className="card-section" aria-labelledby="sbfile-head">
      <h2 id="sbfile-head">switchboard.json</h2>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : !view ? (
        <p className="detail-muted">Reading switchboard.json…</p>
      ) : (
        <>
          <p className="detail-muted">
            <span className="mono">{view.path}</span>. Committed with the project and shared by the team; edit it in the repository. Read-only here.
          </p>
          {view.error ? (
            <div className="notice notice-error" role="alert">
              <p>{view.error}</p>
            </div>
          ) : null}
          {!view.found ? (
            <p>This project has no switchboard.json: worktrees get no setup, teardown or run command, and tasks start from the project’s HEAD.</p>
          ) : view.file ? (
            <table className="sbfile-table" aria-label="switchboard.json values">
              <tbody>
                {SHOWN.map((key) => {
                  const value = view.file?.[key];
                  const note = overridden.get(key as 'copyFiles' | 'applyMode');
                  return (
                    <tr key={key} data-key={key}>
                      <th scope="row" className="mono">
                        {key}
                      </th>
                      <td>
                        {value === undefined ? (
                          <span className="detail-muted">not set</span>
                        ) : (
                          <span className={`mono${note ? ' sbfile-overridden' : ''}`}>{text(value)}</span>
                        )}
                        {note ? <div className="sbfile-note">Overridden by this app: {note}.</div> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
        </>
      )}
    </section>
  );
}
