import { basename } from 'node:path';
import { COMPLETION_SCHEMA_VERSION, CompletionReport, CompletionStatus, type DiffStats } from '../../../shared/models/completion.js';
import type { Task } from '../../../shared/models/task.js';
import { iso } from '../clock.js';
import type { Store } from '../store/index.js';
import type { Rejection } from './examine-file.js';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** What the task's captured change touched: the approved files when only some were applied. */
function changeSummary(store: Store, taskId: string): { files: string[]; stats: DiffStats; commits: string[] } {
  const change = store.changes.latest(taskId);
  if (!change) return { files: [], stats: { files: 0, additions: 0, deletions: 0 }, commits: [] };
  let files = store.changes.files(change.id);
  const approved = change.review.approvedFiles;
  if ((change.state === 'applied' || change.state === 'partially_applied') && approved?.length) {
    const keep = new Set(approved);
    files = files.filter((f) => keep.has(f.path));
  }
  const commits = new Set<string>();
  if (change.headCommit && change.headCommit !== change.baseCommit) commits.add(change.headCommit);
  if (change.review.commit) commits.add(change.review.commit);
  return {
    files: files.map((f) => f.path),
    stats: { files: files.length, additions: files.reduce((n, f) => n + f.additions, 0), deletions: files.reduce((n, f) => n + f.deletions, 0) },
    commits: [...commits],
  };
}

/** The completion report of a task that reached a final state, validated by the shared schema. */
export function buildCompletionReport(store: Store, task: Task, now: number, redact: (text: string) => string = (t) => t): CompletionReport {
  const status = CompletionStatus.parse(task.state);
  const { files, stats, commits } = changeSummary(store, task.id);
  const metaCommits = Array.isArray(task.meta.commits) ? task.meta.commits.filter((c): c is string => typeof c === 'string') : [];
  const ended = task.endedAt ? Date.parse(task.endedAt) : now;
  return CompletionReport.parse({
    schema_version: COMPLETION_SCHEMA_VERSION,
    dispatch_id: task.id,
    status,
    duration: Math.max(0, Math.round(ended - Date.parse(task.createdAt)) / 1000),
    target_agent: task.agent,
    error: task.error == null ? null : redact(task.error),
    error_type: task.errorType,
    retry_count: task.retryCount,
    files_changed: files,
    diff_stats: stats,
    branch: task.branch,
    commits: [...new Set([...commits, ...metaCommits, ...(task.pr ? [task.pr.head] : [])])],
    pull_request: task.pr ? { number: task.pr.number, url: task.pr.url, branch: task.pr.branch, base: task.pr.base } : null,
    project: str(task.meta.project) ?? basename(task.projectDir),
    project_dir: task.projectDir,
    dispatched_by: task.dispatchedBy,
    clawvisor_task_id: str(task.meta.clawvisor_task_id),
    started_at: task.startedAt,
    ended_at: task.endedAt,
    completed_at: iso(now),
  });
}

/** The `failed` report of a rejected dispatch file whose id could be read (no task exists for it). */
export function buildRejectionReport(dispatchId: string, rejection: Rejection, now: number, redact: (text: string) => string = (t) => t): CompletionReport {
  const raw = rejection.doc;
  return CompletionReport.parse({
    schema_version: COMPLETION_SCHEMA_VERSION,
    dispatch_id: dispatchId,
    status: 'failed',
    duration: null,
    target_agent: str(raw?.target_agent),
    error: redact(rejection.message),
    error_type: 'invalid_dispatch',
    retry_count: 0,
    files_changed: [],
    diff_stats: { files: 0, additions: 0, deletions: 0 },
    branch: null,
    commits: [],
    pull_request: null,
    project: str(raw?.project),
    project_dir: str(raw?.project_dir),
    dispatched_by: str(raw?.dispatched_by),
    clawvisor_task_id: str(raw?.clawvisor_task_id),
    started_at: null,
    ended_at: iso(now),
    completed_at: iso(now),
  });
}
