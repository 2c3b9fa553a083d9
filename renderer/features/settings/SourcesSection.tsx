import { PathListField } from './PathListField.js';
import { SecretField } from './SecretField.js';
import type { SettingsForm } from './use-settings-form.js';

/** Where tasks may come from: trusted roots, dispatch folders and the dispatch secret. */
export function SourcesSection({ form }: { form: SettingsForm }) {
  const { view, draft, errors, edit } = form;
  if (!view || !draft) return null;
  return (
    <section className="card-section" aria-labelledby="settings-sources">
      <h2 id="settings-sources">Where tasks come from</h2>
      <PathListField
        path="trustedRoots"
        label="Trusted roots"
        item="trusted root"
        values={draft.trustedRoots ?? []}
        onChange={(v) => edit('trustedRoots', v)}
        errors={errors}
        hint="Dispatches may only point at projects inside these folders."
        empty="Not set: any folder under your home is allowed. Add your code folders to allow only those."
      />
      <PathListField
        path="dispatchDirs"
        label="Dispatch folders"
        item="dispatch folder"
        values={draft.dispatchDirs}
        onChange={(v) => edit('dispatchDirs', v)}
        errors={errors}
        hint="Watched for dispatch files, besides the one in Switchboard’s home."
        empty="Only the dispatch folder in Switchboard’s home is watched."
      />
      <SecretField
        path="dispatchSecret"
        label="Dispatch secret"
        isSet={view.config.dispatchSecret.set}
        edit={draft.dispatchSecret}
        onChange={(e) => edit('dispatchSecret', e)}
        error={errors.dispatchSecret}
        hint="Dispatch files must be signed with it, and completion callbacks are signed with a key derived from it. It is stored in config.json (readable only by you) and never shown again."
      />
      <SecretField
        path="githubToken"
        label="GitHub token"
        isSet={view.config.githubToken.set}
        edit={draft.githubToken}
        onChange={(e) => edit('githubToken', e)}
        error={errors.githubToken}
        hint="Opens pull requests when neither GITHUB_TOKEN nor `gh auth token` gives one. Stored in config.json and never shown again."
      />
    </section>
  );
}
