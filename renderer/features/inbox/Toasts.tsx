import { useEffect, useRef, useState } from 'react';
import { useApp, useAppStore, useClient } from '../../store/store-context.js';
import { addToast, toastFor, type Toast } from './toast-for.js';

/** How long a toast stays unless focus is in it (keyboard use); the Needs you list keeps the item anyway. */
const SHOW_MS = 8000;
const MOST = 3;

/**
 * Toasts for what has just started waiting for the person (issue 18: "a toast when an item arrives"):
 * a change ready for review, an agent waiting, a failure, a permission asked, a refused dispatch file.
 * The kinds turned off in Settings are not shown. Each offers Open and Dismiss.
 */
export function Toasts() {
  const client = useClient();
  const navigate = useApp((s) => s.navigate);
  const store = useAppStore();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seen = useRef(new Set<string>());
  const [held, setHeld] = useState(false);

  useEffect(
    () =>
      client.onEvent((event) => {
        if (!toastFor(event)) return; // nothing to say, whatever the settings
        // The kinds left on in Settings, read when there is something to say (unreadable: all on).
        void client.api['settings.get']({})
          .then((v) => v.config.notifications, () => undefined)
          .then((kinds) => {
            const toast = toastFor(event, kinds);
            if (!toast || seen.current.has(toast.key)) return;
            // The task the person has open already shows its news.
            if (toast.taskId && toast.taskId === store.getState().openTaskId) return;
            seen.current.add(toast.key);
            setToasts((list) => addToast(list, toast).slice(-MOST));
          });
      }),
    [client, store],
  );

  // The oldest goes after a while, unless the person is reading or using the toasts.
  useEffect(() => {
    if (!toasts.length || held) return;
    const id = setTimeout(() => setToasts((list) => list.slice(1)), SHOW_MS);
    return () => clearTimeout(id);
  }, [toasts, held]);

  const dismiss = (key: string) => setToasts((list) => list.filter((t) => t.key !== key));
  return (
    <section
      className="toasts"
      aria-label="Just arrived"
      aria-live="polite"
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {toasts.map((t) => (
        <div key={t.key} className={`toast toast-${t.kind}`} role="status">
          <div className="toast-text">
            <strong>{t.title}</strong>
            <span className="toast-body">{t.body}</span>
          </div>
          <div className="toast-actions">
            <button
              type="button"
              className="btn"
              onClick={() => {
                navigate(t.screen, t.taskId);
                dismiss(t.key);
              }}
            >
              Open
            </button>
            <button type="button" className="btn btn-ghost" aria-label={`Dismiss: ${t.title}`} onClick={() => dismiss(t.key)}>
              ×
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
