import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionReport, GroupCompletionReport } from '../../../shared/models/completion.js';
import { isFinalState, type Task } from '../../../shared/models/task.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { buildCompletionReport } from './completion-report.js';
import { buildGroupReport } from './group-report.js';
import { inboxLayout } from './inbox-layout.js';
import { createReportsRepo } from './reports-repo.js';

export interface CompletionWriterDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  /** `<home>/dispatch`: reports of tasks that did not come from a file go to its completed/. */
  homeInbox: string;
  audit(kind: string, taskId: string | null, data: Record<string, unknown>): void;
  /** Hides secrets in the report's error text (it leaves the app: files, callbacks). */
  redact?: (text: string) => string;
  /**
   * Called after a report is written and recorded (queues its callback). `key` names this ending of
   * this report (one callback each); for a group's report, `task` is its first sibling.
   */
  onWritten(report: CompletionReport | GroupCompletionReport, task: Task, key: string): void;
  log(message: string): void;
}

export interface CompletionWriter {
  /** Subscribes to task.changed and writes the reports the app missed while it was down. */
  start(): void;
  /** Writes every queued report now (tests, shutdown). */
  flush(): void;
  dispose(): void;
}

/**
 * Writes `<dispatch>/completed/<id>.json` atomically whenever a task reaches a final state (invariant 4),
 * and `<id>.group.json` for a best-of-N group once its last sibling has ended.
 */
export function createCompletionWriter(deps: CompletionWriterDeps): CompletionWriter {
  const reports = createReportsRepo(deps.store.db);
  /** Task ids, and groups as `group:<id>`. */
  const queue = new Set<string>();
  /** Reports that could not be written (a full disk...), tried again with a growing delay. */
  const retries = new Map<string, { timer: NodeJS.Timeout; attempt: number }>();
  let scheduled: NodeJS.Immediate | null = null;
  let unsubscribe: (() => void) | null = null;
  let disposed = false;

  const reportDir = (task: Task): string => {
    const origin = task.meta.dispatch as { dir?: unknown } | undefined;
    return inboxLayout(typeof origin?.dir === 'string' ? origin.dir : deps.homeInbox).completed;
  };

  const write = (id: string): void => {
    const task = deps.store.tasks.get(id);
    if (!task || !isFinalState(task.state)) return;
    const now = deps.clock.now();
    const report = buildCompletionReport(deps.store, task, now, deps.redact);
    const dir = reportDir(task);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${task.id}.json`);
    writeFileAtomicSync(path, `${JSON.stringify(report, null, 2)}\n`);
    const endedAt = deps.store.tasks.getRow(id)?.ended_at ?? null;
    deps.store.tx(() => {
      reports.record(task.id, task.state, endedAt, path, now);
      deps.audit('completion.written', task.id, { path, status: report.status });
    });
    deps.onWritten(report, task, `${task.id}@${task.endedAt ?? ''}`);
    if (task.groupId) enqueue(`group:${task.groupId}`);
  };

  const writeGroup = (groupId: string): void => {
    const now = deps.clock.now();
    const report = buildGroupReport(deps.store, groupId, now);
    if (!report) return; // a sibling still runs: its ending queues the group again
    const first = deps.store.tasks.inGroup(groupId)[0];
    const dir = reportDir(first);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${groupId}.group.json`);
    writeFileAtomicSync(path, `${JSON.stringify(report, null, 2)}\n`);
    deps.store.tx(() => {
      reports.recordGroup(groupId, report.status, path, now);
      deps.audit('completion.written', groupId, { path, status: report.status, group: groupId });
    });
    const lastEnded = Math.max(...deps.store.tasks.inGroup(groupId).map((t) => (t.endedAt ? Date.parse(t.endedAt) : 0)));
    deps.onWritten(report, first, `group:${groupId}@${lastEnded}`);
  };

  const flush = (): void => {
    scheduled = null;
    if (disposed) return;
    for (const id of [...queue]) {
      queue.delete(id);
      const retry = retries.get(id);
      if (retry) clearTimeout(retry.timer);
      retries.delete(id);
      const attempt = (retry?.attempt ?? 0) + 1;
      try {
        if (id.startsWith('group:')) writeGroup(id.slice('group:'.length));
        else write(id);
      } catch (err) {
        const delay = Math.min(30_000, 500 * 2 ** attempt);
        if (attempt === 1) deps.log(`could not write the completion report of ${id.startsWith('group:') ? `group ${id.slice(6)}` : `task ${id}`}: ${(err as Error).message}; it is tried again every few seconds (and at the next start)`);
        const timer = setTimeout(() => enqueue(id), delay);
        timer.unref?.();
        retries.set(id, { timer, attempt });
      }
    }
  };
  const enqueue = (id: string): void => {
    queue.add(id);
    scheduled ??= setImmediate(flush);
  };

  return {
    start() {
      unsubscribe = deps.bus.on('task.changed', ({ task }) => {
        if (isFinalState(task.state)) enqueue(task.id);
      });
      for (const id of reports.missing()) enqueue(id);
      for (const id of reports.missingGroups()) enqueue(`group:${id}`);
    },
    flush,
    dispose() {
      unsubscribe?.();
      if (scheduled) clearImmediate(scheduled);
      for (const { timer } of retries.values()) clearTimeout(timer);
      flush(); // what is queued is written now rather than at the next start
      disposed = true;
    },
  };
}
