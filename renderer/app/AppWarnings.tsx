import { useState } from 'react';
import { TOKEN_KEY, tokenFromText } from '../api/token.js';
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
          <p>The host refused this session’s token, so nothing can load. Paste the URL that <code>switchboard serve</code> printed (it ends in #token=…), or open it in this tab.</p>
          <TokenForm />
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

/** Takes a pasted URL or token, keeps it for this tab and reloads with it. */
function TokenForm() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="token-form"
      onSubmit={(e) => {
        e.preventDefault();
        const token = tokenFromText(text);
        if (!token) return setError('That is not a Switchboard URL or token: it should end in #token=…');
        sessionStorage.setItem(TOKEN_KEY, token);
        location.reload();
      }}
    >
      <input className="input mono" aria-label="New URL or token" placeholder="http://127.0.0.1:7420/#token=…" value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="btn">
        Use it
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </form>
  );
}
