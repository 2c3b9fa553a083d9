import { useApp, useClient } from '../store/store-context.js';
import { useNow } from './use-now.js';

const LABELS = { open: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting', unauthorized: 'Token refused' } as const;

/** Shows whether live updates are flowing, and when the next reconnect attempt is. */
export function ConnectionIndicator() {
  const conn = useApp((s) => s.connection);
  const client = useClient();
  const now = useNow(1000, conn.status === 'reconnecting');
  const wait = conn.retryAt ? Math.max(0, Math.ceil((conn.retryAt - now) / 1000)) : null;
  const detail =
    conn.status === 'reconnecting'
      ? `${conn.reason ?? 'Disconnected'}; retrying${wait ? ` in ${wait}s` : ' now'} (attempt ${conn.attempt})`
      : conn.status === 'unauthorized'
        ? client.runsIn === 'desktop'
          ? 'The background service refused this window’s token: quit Switchboard and start it again.'
          : 'The host refused this page’s token: open the URL that `switchboard serve` printed.'
        : conn.status === 'open'
          ? client.runsIn === 'desktop'
            ? 'Connected to the background Switchboard'
            : 'Receiving live updates from the host'
          : 'Opening the event stream';
  return (
    <div className="conn" role="status" aria-live="polite" data-status={conn.status} title={detail} aria-label={`Connection: ${LABELS[conn.status]}. ${detail}`}>
      <span className="conn-dot" aria-hidden="true" />
      <span>
        {LABELS[conn.status]}
        {conn.status === 'reconnecting' && wait ? ` · ${wait}s` : ''}
      </span>
    </div>
  );
}
