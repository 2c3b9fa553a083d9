import { Page } from '../../app/Page.js';
import { formatDateTime } from '../../lib/format.js';
import { useApp, useClient } from '../../store/store-context.js';
import { useNotificationPermission } from '../notifications/use-browser-notifications.js';

/** Settings: where this Switchboard lives and how it runs. */
export function SettingsScreen() {
  const status = useApp((s) => s.status);
  const client = useClient();
  const notify = useNotificationPermission();
  return (
    <Page title="Settings">
      <section className="card-section" aria-labelledby="settings-app">
        <h2 id="settings-app">This Switchboard</h2>
        {status ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{status.version}</dd>
            <dt>Mode</dt>
            <dd>{status.mode === 'headless' ? 'Headless host (browser)' : 'Desktop app'}</dd>
            <dt>Home</dt>
            <dd className="mono">{status.home}</dd>
            <dt>Settings file</dt>
            <dd className="mono">{status.home.replace(/[\\/]$/, '')}/config.json</dd>
            <dt>Started</dt>
            <dd>
              {formatDateTime(status.startedAt)} <span className="detail-muted">pid {status.pid}</span>
            </dd>
            <dt>Connection</dt>
            <dd>{client.transport === 'electron' ? 'Electron IPC' : 'HTTP and WebSocket'}</dd>
          </dl>
        ) : (
          <p className="detail-muted">Loading…</p>
        )}
      </section>
      {client.transport === 'http' ? (
        <section className="card-section" aria-labelledby="settings-notify">
          <h2 id="settings-notify">Notifications</h2>
          {notify.permission === 'granted' ? (
            <p className="detail-muted">On: this browser tells you when a task needs review or input, or fails, while this page is in the background.</p>
          ) : notify.permission === 'denied' ? (
            <p className="detail-muted">Blocked by the browser. Allow notifications for this site in the browser’s site settings, then reload.</p>
          ) : notify.permission === 'unsupported' ? (
            <p className="detail-muted">This browser cannot show notifications.</p>
          ) : (
            <>
              <p className="detail-muted">Get a notification when a task needs review or input, or fails, while this page is in the background.</p>
              <button type="button" className="btn" onClick={() => void notify.request()}>
                Enable notifications
              </button>
            </>
          )}
        </section>
      ) : null}
      <section className="card-section" aria-labelledby="settings-edit">
        <h2 id="settings-edit">Editing settings</h2>
        <p className="detail-muted">
          Concurrency, trusted roots, dispatch folders and the permission policy live in <code>config.json</code> in the home above. Switchboard reloads
          it when it changes and reports any mistake at the top of every screen.
        </p>
      </section>
    </Page>
  );
}
