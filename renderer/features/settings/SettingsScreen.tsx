import { Page } from '../../app/Page.js';
import { AppInfoSection } from './AppInfoSection.js';
import { ConcurrencySection } from './ConcurrencySection.js';
import { NotificationsSection } from './NotificationsSection.js';
import { PolicySection } from './PolicySection.js';
import { SaveBar } from './SaveBar.js';
import { SourcesSection } from './SourcesSection.js';
import { useSettingsForm } from './use-settings-form.js';

/** Settings: this Switchboard, and the editable parts of config.json (secrets write-only). */
export function SettingsScreen() {
  const form = useSettingsForm();
  const { view, loadError } = form;
  return (
    <Page title="Settings">
      <AppInfoSection file={view?.file ?? null} />
      {loadError ? (
        <div className="notice notice-error" role="alert">
          <p>{loadError}</p>
          <button type="button" className="btn" onClick={() => void form.reloadFromDisk()}>
            Try again
          </button>
        </div>
      ) : null}
      {view?.error ? (
        <div className="notice notice-warn" role="alert">
          <p>{view.error}</p>
        </div>
      ) : null}
      {view ? (
        <form
          className="settings-form"
          aria-label="Settings"
          onSubmit={(e) => {
            e.preventDefault();
            void form.save();
          }}
        >
          <ConcurrencySection form={form} />
          <SourcesSection form={form} />
          <PolicySection form={form} />
          <NotificationsSection form={form} />
          <SaveBar form={form} />
        </form>
      ) : !loadError ? (
        <p className="detail-muted">Loading settings…</p>
      ) : null}
    </Page>
  );
}
