import { useEffect, useRef, useState } from 'react';
import { promptTitle } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import type { InboxItems } from './inbox-items.js';
import { useInbox } from './use-inbox.js';

interface Toast {
  key: string;
  text: string;
}

const SHOWN_MS = 6000;

/** Every item in the inbox by a key, with the line its toast reads. */
function itemLines(items: InboxItems): Map<string, string> {
  const lines = new Map<string, string>();
  for (const p of items.permissions) lines.set(`p${p.id}`, `Permission asked: ${p.title}`);
  for (const t of items.input) lines.set(`i${t.id}`, `Waiting for input: ${promptTitle(t.prompt, 60)}`);
  for (const t of items.review) lines.set(`r${t.id}`, `Ready for review: ${promptTitle(t.prompt, 60)}`);
  for (const t of items.failures) lines.set(`f${t.id}`, `Failed: ${promptTitle(t.prompt, 60)}`);
  for (const f of items.rejected) lines.set(`x${f.dir}/${f.name}`, `Dispatch file rejected: ${f.name}`);
  return lines;
}

/** A short toast when something new arrives in Needs you (not for what was there when the app loaded). */
export function InboxToasts() {
  const items = useInbox();
  const loaded = useApp((s) => s.tasksLoaded);
  const screen = useApp((s) => s.screen);
  const navigate = useApp((s) => s.navigate);
  const seen = useRef<Set<string> | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    if (!loaded) return;
    const lines = itemLines(items);
    const before = seen.current;
    seen.current = new Set(lines.keys());
    if (!before || screen === 'inbox') return;
    const fresh = [...lines].filter(([key]) => !before.has(key)).map(([key, text]) => ({ key: `${key}@${Date.now()}`, text }));
    if (!fresh.length) return;
    setToasts((t) => [...t, ...fresh].slice(-3));
    const keys = new Set(fresh.map((f) => f.key));
    setTimeout(() => setToasts((t) => t.filter((x) => !keys.has(x.key))), SHOWN_MS);
  }, [items, loaded, screen]);

  if (!toasts.length) return null;
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="New in Needs you">
      {toasts.map((t) => (
        <div key={t.key} className="toast">
          <span>{t.text}</span>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setToasts([]);
              navigate('inbox');
            }}
          >
            Open Needs you
          </button>
        </div>
      ))}
    </div>
  );
}
