/**
 * What the shell decides about the daemon, as pure functions: which tasks keep it needed, whether its
 * version is older than the app's, and what a plain Quit does with it.
 */
import type { TaskState } from '../../shared/models/task.js';

/** States in which a task needs the daemon (an agent runs or is about to); the others are at rest in the store. */
export const ACTIVE_STATES: readonly TaskState[] = ['queued', 'preparing', 'running', 'awaiting_input'];

export function activeTaskCount(counts: Partial<Record<TaskState, number>>): number {
  return ACTIVE_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0);
}

/** Compares dotted versions numerically (1.10.0 > 1.9.3); a pre-release tag is ignored. */
export function isOlderVersion(version: string, than: string): boolean {
  const parts = (v: string) => v.split('-')[0].split('.').map((p) => Number.parseInt(p, 10) || 0);
  const a = parts(version);
  const b = parts(than);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

export type QuitMode = 'leave' | 'stop';

/**
 * What happens to the daemon when the app quits. "Quit and stop agents" stops it. A plain Quit leaves it
 * running (with its agents) while tasks are active, and also when the CLI or an earlier app started it;
 * an idle daemon this app started is stopped with the app.
 */
export function stopDaemonOnQuit(mode: QuitMode, opts: { startedHere: boolean; activeTasks: number }): boolean {
  if (mode === 'stop') return true;
  return opts.startedHere && opts.activeTasks === 0;
}
