import type { PullRequestInfo, TaskState } from '../../shared/models/task.js';

const STATE_LABELS: Record<TaskState, string> = {
  queued: 'Queued',
  preparing: 'Preparing',
  running: 'Running',
  awaiting_input: 'Awaiting input',
  awaiting_review: 'Awaiting review',
  applied: 'Applied',
  pr_opened: 'Pull request opened',
  rejected: 'Rejected',
  no_changes: 'No changes',
  failed: 'Failed',
  timed_out: 'Timed out',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export const stateLabel = (s: TaskState): string => STATE_LABELS[s] ?? s;

/** "open · checks passing", "merged": a pull request as the card and the detail pane show it. */
export const prSummary = (pr: Pick<PullRequestInfo, 'state' | 'checks'>): string =>
  pr.state !== 'open' || !pr.checks ? pr.state : `${pr.state} · checks ${pr.checks === 'success' ? 'passing' : pr.checks === 'pending' ? 'running' : 'failing'}`;

/** A compact span: "12s", "4m 05s", "2h 03m", "3d 4h". */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** "just now", "5m ago", "3h ago", "2d ago". */
export function formatAge(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  if (ms < 10_000) return 'just now';
  const m = Math.floor(ms / 60_000);
  if (m < 1) return `${Math.floor(ms / 1000)}s ago`;
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

/** How long the task ran: start to end, or to now while it is still going. Null before it starts. */
export function taskDuration(t: { startedAt: string | null; endedAt: string | null }, now: number): number | null {
  if (!t.startedAt) return null;
  const end = t.endedAt ? Date.parse(t.endedAt) : now;
  return Math.max(0, end - Date.parse(t.startedAt));
}

/** The last folder of a path: "/home/me/code/api" → "api". */
export const baseName = (dir: string): string => dir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || dir;

/** The first line of a prompt, trimmed to `max` characters. */
export function promptTitle(prompt: string, max = 120): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export const formatDateTime = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');
