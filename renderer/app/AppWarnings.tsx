import { useState } from 'react';
import { useApp } from '../store/store-context.js';

/** The core's warnings from app.status (config problems and the like), each dismissible for the session. */
export function AppWarnings() {
  const warnings = useApp((s) => s.status?.warnings);
  const statusError = useApp((s) => s.statusError);
  const refused = useApp((s) => s.connection.status === 'unauthorized');
  const lost = useApp((s) => (s.connection.status === 'reconnecting' && s.tasksLoaded ? s.connection.reason : null));
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = (warnings ?? []).filter((w) => !dismissed.has(w));
  if (!shown.length && !statusError && !refused && !lost) return null;
  return (
    <div className="banners" aria-label="App warnings">
      {refused ? (
        <div className="notice notice-error" role="alert">
          <p>The host refused this session’s token, so nothing can load. Open the URL that <code>switchboard serve</code> printed (it ends in #token=…).</p>
        </div>
      ) : null}
      {lost ? (
        <div className="notice notice-warn" role="status">
          <p>Live updates stopped ({lost}). This shows the last known state and reloads when the host is back.</p>
        </div>
      ) : null}
      {statusError && !refused ? (
        <div className="notice notice-error" role="alert">
          <p>Could not read the app status: {statusError}</p>
        </div>
      ) : null}
      {shown.map((w) => (
        <div key={w} className="notice notice-warn" role="status">
          <p>{w}</p>
          <button type="button" className="btn btn-ghost" aria-label={`Dismiss warning: ${w}`} onClick={() => setDismissed(new Set([...dismissed, w]))}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
