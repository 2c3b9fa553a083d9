import { useEffect, useMemo, useRef, useState } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { useApp } from '../../store/store-context.js';
import { matchPalette } from './palette-items.js';
import { usePaletteActions } from './use-palette-actions.js';

/** Ctrl/⌘+K: every action and every task the app knows, by title or id; arrows and Enter pick one. */
export function CommandPalette() {
  const open = useApp((s) => s.paletteOpen);
  const setOpen = useApp((s) => s.setPaletteOpen);
  const tasksById = useApp((s) => s.tasksById);
  const navigate = useApp((s) => s.navigate);
  const actions = usePaletteActions();
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const openTask = (t: Task) => navigate(t.state === 'awaiting_review' ? 'review' : 'tasks', t.id);
  const items = useMemo(() => (open ? matchPalette(actions, Object.values(tasksById), openTask, query) : []), [open, actions, tasksById, query]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setQuery('');
      setActive(0);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    document.getElementById(`palette-item-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pick = (i: number) => {
    const item = items[i];
    if (!item) return;
    setOpen(false);
    item.run();
  };

  return (
    <dialog ref={ref} className="dialog palette" aria-label="Command palette" onClose={() => setOpen(false)}>
      {open ? (
        <div className="palette-body">
          <input
            className="input palette-input"
            role="combobox"
            aria-expanded="true"
            aria-controls="palette-list"
            aria-activedescendant={items.length ? `palette-item-${active}` : undefined}
            aria-label="Search actions and tasks"
            placeholder="Type an action, a task’s title or its id…"
            autoFocus
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const n = items.length;
                if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
              } else if (e.key === 'Enter') {
                e.preventDefault();
                pick(active);
              }
            }}
          />
          <ul id="palette-list" className="palette-list" role="listbox" aria-label="Matches">
            {items.map((item, i) => (
              <li
                key={item.id}
                id={`palette-item-${i}`}
                role="option"
                aria-selected={i === active}
                className="palette-item"
                data-kind={item.kind}
                onMouseMove={() => setActive(i)}
                onClick={() => pick(i)}
              >
                <span className="palette-kind">{item.kind === 'task' ? 'Task' : 'Action'}</span>
                <span className="palette-label">{item.label}</span>
                {item.detail ? <span className="palette-detail">{item.detail}</span> : null}
              </li>
            ))}
            {!items.length ? <li className="palette-empty">Nothing matches “{query}”.</li> : null}
          </ul>
        </div>
      ) : null}
    </dialog>
  );
}
