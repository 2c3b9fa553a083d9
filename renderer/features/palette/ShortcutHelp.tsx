import { useEffect, useRef } from 'react';
import { shortcutGroups } from '../../app/shortcuts.js';
import { isMac, newTaskShortcut } from '../../lib/platform.js';
import { useApp, useClient } from '../../store/store-context.js';

/** The shortcut sheet (?): every key the app answers to, by where it works. */
export function ShortcutHelp() {
  const open = useApp((s) => s.helpOpen);
  const setOpen = useApp((s) => s.setHelpOpen);
  const runsIn = useClient().runsIn;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  const groups = shortcutGroups(isMac(navigator.platform) ? '⌘' : 'Ctrl+', newTaskShortcut(runsIn, navigator.platform));
  return (
    <dialog ref={ref} className="dialog shortcut-help" aria-labelledby="shortcut-help-title" onClose={() => setOpen(false)}>
      <div className="dialog-form">
        <div className="dialog-head">
          <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
          <button type="button" className="btn btn-ghost" aria-label="Close" autoFocus onClick={() => setOpen(false)}>
            ✕
          </button>
        </div>
        {groups.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3 className="detail-h3">{g.title}</h3>
            <dl className="shortcut-list">
              {g.keys.map((k) => (
                <div key={k.what} className="shortcut-row">
                  <dt>
                    {k.keys.map((key) => (
                      <kbd key={key} className="kbd">
                        {key}
                      </kbd>
                    ))}
                  </dt>
                  <dd>{k.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
