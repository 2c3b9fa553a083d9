import { useCallback, useEffect, useState } from 'react';
import type { ConfigPatchInput, SettingsView } from '../../../shared/models/settings.js';
import { describeError } from '../../api/api-error.js';
import { useApp, useClient } from '../../store/store-context.js';

/**
 * The core's settings (secrets shown only as set or not) and the one way to change them. `update`
 * sends the view's revision, so an edit made elsewhere in the meantime is refused, not overwritten;
 * it throws ApiError for the caller to place by field.
 */
export function useSettingsView() {
  const { api } = useClient();
  const loadStatus = useApp((s) => s.loadStatus);
  const [view, setView] = useState<SettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async (): Promise<SettingsView | null> => {
    try {
      const v = await api['settings.get']({});
      setView(v);
      setLoadError(null);
      return v;
    } catch (err) {
      setLoadError(`Could not load the settings: ${describeError(err)}`);
      return null;
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const update = useCallback(
    async (patch: ConfigPatchInput, revision = view?.revision): Promise<SettingsView> => {
      const v = await api['settings.update']({ patch, revision });
      setView(v);
      // The app's warnings (a config error, trustedRoots unset) may have changed.
      void loadStatus();
      return v;
    },
    [api, view?.revision, loadStatus],
  );

  return { view, loadError, reload, update };
}
