import { useClient } from '../../store/store-context.js';
import { useNotificationPermission } from '../notifications/use-browser-notifications.js';

/** The browser's notification permission (the headless host only; Electron uses OS notifications). */
export function NotificationsSection() {
  const client = useClient();
  const notify = useNotificationPermission();
  if (client.runsIn !== 'browser') return null;
  return (
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
  );
}
