import { formatDateTime } from '../../lib/format.js';
import { useApp, useClient } from '../../store/store-context.js';

/** Where this Switchboard lives and how it runs. */
export function AppInfoSection({ file }: { file: string | null }) {
  const status = useApp((s) => s.status);
  const client = useClient();
  return (
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
          <dd className="mono">{file ?? `${status.home.replace(/[\\/]$/, '')}/config.json`}</dd>
          <dt>Started</dt>
          <dd>
            {formatDateTime(status.startedAt)} <span className="detail-muted">pid {status.pid}</span>
          </dd>
          <dt>Connection</dt>
          <dd>HTTP and WebSocket{client.runsIn === 'desktop' ? ' to the background service' : ''}</dd>
        </dl>
      ) : (
        <p className="detail-muted">Loading…</p>
      )}
    </section>
  );
}
