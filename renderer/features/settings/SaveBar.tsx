import type { SettingsForm } from './use-settings-form.js';

/** Save and Revert, with what happened last. */
export function SaveBar({ form }: { form: SettingsForm }) {
  const { dirty, saving, outcome, save, revert, reloadFromDisk } = form;
  return (
    <div className="save-bar" role="region" aria-label="Save settings">
      <div className="grow" aria-live="polite">
        {outcome?.kind === 'saved' ? (
          <span className="save-ok" role="status">
            Saved. Switchboard uses the new settings now.
          </span>
        ) : outcome?.kind === 'error' ? (
          <span className="field-error" role="alert">
            {outcome.message}
          </span>
        ) : dirty ? (
          <span className="detail-muted">Unsaved changes</span>
        ) : null}
      </div>
      {outcome?.kind === 'error' && outcome.conflict ? (
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
