import type { Task } from '../../../shared/models/task.js';
import { baseName, promptTitle, stateLabel } from '../../lib/format.js';

export interface PaletteItem {
  id: string;
  kind: 'action' | 'task';
  label: string;
  /** Shown dimmed after the label; searched too. */
  detail: string;
  run(): void;
}

export interface PaletteAction {
  id: string;
  label: string;
  detail?: string;
  run(): void;
}

/** A task as the palette lists it: its title, then id, state and project (all searchable). */
export function taskItem(task: Task, open: (task: Task) => void): PaletteItem {
  return {
    id: `task:${task.id}`,
    kind: 'task',
    label: promptTitle(task.prompt, 100) || task.id,
    detail: `${task.id} · ${stateLabel(task.state)} · ${baseName(task.projectDir)} · ${task.agent}`,
    run: () => open(task),
  };
}

/**
 * What matches `query`: every word of it must appear in the label or detail (any case). Actions
 * come first, then tasks, most recently changed first; at most `limit` items.
 */
export function matchPalette(actions: readonly PaletteAction[], tasks: readonly Task[], open: (task: Task) => void, query: string, limit = 50): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = (label: string, detail: string) => {
    const text = `${label} ${detail}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const out: PaletteItem[] = [];
  for (const a of actions) if (hit(a.label, a.detail ?? '')) out.push({ ...a, kind: 'action', detail: a.detail ?? '' });
  const sorted = [...tasks].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  for (const t of sorted) {
    if (out.length >= limit) break;
    const title = promptTitle(t.prompt, 100);
    if (hit(title, `${t.id} ${stateLabel(t.state)} ${baseName(t.projectDir)} ${t.agent}`)) out.push(taskItem(t, open));
  }
  return out.slice(0, limit);
}
