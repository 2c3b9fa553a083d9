import type { NotificationKind } from '../../../shared/notifications.js';
import { useClient } from '../../store/store-context.js';
import { useNotificationPermission } from '../notifications/use-browser-notifications.js';
import { FieldMessage } from './FieldMessage.js';
import type { SettingsForm } from './use-settings-form.js';

const KINDS: { kind: NotificationKind; label: string }[] = [
  { kind: 'review', label: 'A change is ready for review' },
  { kind: 'input', label: 'An agent waits for your input or permission' },
  { kind: 'failed', label: 'A task failed or ran out of time' },
];

/** Which task changes notify (config.json `notifications`), and in a browser, the page's notification permission. */
export function NotificationsSection({ form }: { form: SettingsForm }) {
  const { view, draft, errors, edit } = form;
  if (!view || !draft) return null;
  return (
    <section className="card-section" aria-labelledby="settings-notify">
      <h2 id="settings-notify">Notifications</h2>
      <fieldset className="setting field" aria-describedby="setting-notifications-note">
        <legend>Notify me when</legend>
        {KINDS.map(({ kind, label }) => (
          <label className="check" key={kind}>
            <input type="checkbox" checked={draft.notifications[kind]} onChange={(e) => edit('notifications', { ...draft.notifications, [kind]: e.target.checked })} />
            {label}
          </label>
        ))}
        <FieldMessage path="notifications" error={errors.notifications} hint="The Needs you list shows every item either way; this only decides what interrupts you." />
      </fieldset>
      <BrowserPermission />
    </section>
  );
}

/** The browser's notification permission (the headless host only; the app uses OS notifications). */
function BrowserPermission() {
  const client = useClient();
  const notify = useNotificationPermission();
  if (client.runsIn !== 'browser') return null;
  return notify.permission === 'granted' ? (
    <p className="detail-muted">This browser shows them while this page is in the background.</p>
  ) : notify.permission === 'denied' ? (
    <p className="detail-muted">Blocked by the browser. Allow notifications for this site in the browser’s site settings, then reload.</p>
  ) : notify.permission === 'unsupported' ? (
    <p className="detail-muted">This browser cannot show notifications.</p>
  ) : (
    <div className="setting">
      <p className="detail-muted">This browser shows them only once you allow it.</p>
      <button type="button" className="btn" onClick={() => void notify.request()}>
        Enable browser notifications
      </button>
    </div>
  );
}
