/** What Save and Revert need of a form (Settings, a project's settings). */
export interface SaveBarForm {
  dirty: boolean;
  saving: boolean;
  outcome: { kind: 'saved' } | { kind: 'error'; message: string; conflict?: boolean } | null;
  save(): Promise<void>;
  revert(): void;
  /** Offered when the save was refused because the file changed elsewhere. */
  reloadFromDisk?(): Promise<unknown>;
}

/** Save and Revert, with what happened last. */
export function SaveBar({ form, label = 'Save settings', savedText = 'Saved. Switchboard uses the new settings now.' }: { form: SaveBarForm; label?: string; savedText?: string }) {
  const { dirty, saving, outcome, save, revert, reloadFromDisk } = form;
  return (
    <div className="save-bar" role="region" aria-label={label}>
      <div className="grow" aria-live="polite">
        {outcome?.kind === 'saved' ? (
          <span className="save-ok" role="status">
            {savedText}
          </span>
        ) : outcome?.kind === 'error' ? (
          <span className="field-error" role="alert">
            {outcome.message}
          </span>
        ) : dirty ? (
          <span className="detail-muted">Unsaved changes</span>
        ) : null}
      </div>
      {outcome?.kind === 'error' && outcome.conflict && reloadFromDisk ? (
        <button type="button" className="btn" onClick={() => void reloadFromDisk()}>
          Reload from disk
        </button>
      ) : null}
      <button type="button" className="btn" disabled={!dirty || saving} onClick={revert}>
        Revert
      </button>
      <button type="button" className="btn btn-primary" disabled={!dirty || saving} onClick={() => void save()}>
        {saving ? 'Saving…' : 'Save'}
      </button>
    </div>
  );
}
