import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import type { HomePaths } from '../home.js';
import type { Store } from '../store/index.js';
import type { SubmitTask } from '../tasks/submit-task.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { createAuditMirror } from './audit-mirror.js';
import { createCallbackSender, type CallbackOptions } from './callback-sender.js';
import { buildRejectionReport } from './completion-report.js';
import { createCompletionWriter } from './completion-writer.js';
import { createHeartbeat } from './heartbeat.js';
import { ensureInbox, inboxDirs, inboxLayout } from './inbox-layout.js';
import { createInboxWatcher, type InboxWatcher } from './inbox-watcher.js';
import { createIntake, type FileRef, type Intake, type Outcome } from './intake.js';
import type { Redactor } from '../redact.js';
import type { TrustPolicy } from './trust.js';
import { createWalSync } from './wal-sync.js';
import { createRejectedFiles, readRejection, type RejectedFiles } from './rejected-files.js';

export interface DispatchOptions {
  /** A file still not valid JSON this long after its last write is rejected (10 s). */
  staleMs: number;
  rescanMs: number;
  heartbeatMs: number;
  batchSize: number;
  callback: Partial<CallbackOptions>;
}

export const DEFAULT_DISPATCH_OPTIONS: DispatchOptions = { staleMs: 10_000, rescanMs: 2_000, heartbeatMs: 30_000, batchSize: 256, callback: {} };

export interface DispatchServiceDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  config: ConfigService;
  /** The submit path with the trust check wired in (createSubmitTask with checkProjectDir). */
  submit: SubmitTask;
  trust: TrustPolicy;
  paths: HomePaths;
  version: string;
  localOnly?: boolean;
  /** The user's home (default os.homedir()): where ~/.gstack/dispatch is looked for. */
  userHome?: string;
  log?: (message: string) => void;
  options?: Partial<DispatchOptions>;
  /** Hides secrets in reports, callback bodies and log lines (default: nothing hidden). */
  redactor?: Redactor;
  /** Every intake batch once its tasks are committed, for benchmarks. */
  onCommitted?: (files: FileRef[], outcomes: Outcome[]) => void;
  /** Every intake batch once done, for tests and benchmarks. */
  onBatch?: (files: FileRef[], outcomes: Outcome[]) => void;
}

export interface DispatchService {
  start(): void;
  /** The folders being watched. */
  dirs(): string[];
  /** Resolves when every file seen so far is accepted, rejected or gone (tests). */
  idle(): Promise<void>;
  readonly intake: Intake;
  /** Rejected files still in rejected/, and retrying one after a fix. */
  readonly rejected: RejectedFiles;
  dispose(): Promise<void>;
}

/** The dispatch inbox (issue #3): intake, completion reports, callbacks, audit log and heartbeat. */
export function createDispatchService(deps: DispatchServiceDeps): DispatchService {
  const opts = { ...DEFAULT_DISPATCH_OPTIONS, ...deps.options };
  const { store, clock, config } = deps;
  const redact = deps.redactor?.text ?? ((t: string) => t);
  const rawLog = deps.log ?? ((m: string) => console.warn(`switchboard dispatch: ${m}`));
  const log = (m: string): void => rawLog(redact(m));
  const userHome = deps.userHome ?? homedir();
  const homeLayout = inboxLayout(deps.paths.dispatch);
  ensureInbox(homeLayout);
  const localOnly = (): boolean => deps.localOnly === true || config.get().localOnly;

  const mirror = createAuditMirror(store.db, homeLayout.audit);
  let mirrorScheduled: NodeJS.Immediate | null = null;
  let disposed = false;
  let disposing: Promise<void> | null = null;
  const syncMirror = (): void => {
    mirrorScheduled = null;
    if (disposed && !store.db.open) return;
    try {
      mirror.sync();
    } catch (err) {
      log(`cannot append to ${homeLayout.audit}: ${(err as Error).message}`);
    }
  };
  const scheduleMirror = (): void => {
    if (!disposed) mirrorScheduled ??= setImmediate(syncMirror);
  };
  const audit = (kind: string, taskId: string | null, data: Record<string, unknown>, actor = 'switchboard'): void => {
    store.audit.append(clock.now(), kind, taskId, actor, data);
    scheduleMirror();
  };

  const sender = createCallbackSender({ store, clock, config, version: deps.version, localOnly, audit, options: opts.callback });
  const reports = createCompletionWriter({
    store,
    bus: deps.bus,
    clock,
    homeInbox: deps.paths.dispatch,
    redact,
    audit,
    log,
    onWritten(report, task, key) {
      if (task.callbackUrl) sender.enqueue(key, task.callbackUrl, report);
    },
  });
  const intake = createIntake({
    store,
    clock,
    config,
    submit: deps.submit,
    trust: deps.trust,
    staleMs: opts.staleMs,
    audit,
    onFileRejected(dir, name) {
      const file = readRejection(dir, `${name}.error.json`);
      if (file) deps.bus.emit('dispatch.rejected', file);
    },
    onRejected(rejection, dir) {
      const report = buildRejectionReport(rejection.dispatchId, rejection, clock.now(), redact);
      const completed = inboxLayout(dir).completed;
      mkdirSync(completed, { recursive: true });
      const path = join(completed, `${rejection.dispatchId}.json`);
      writeFileAtomicSync(path, `${JSON.stringify(report, null, 2)}\n`);
      audit('completion.written', rejection.dispatchId, { path, status: 'failed', rejected: rejection.reason });
      if (rejection.callbackUrl) sender.enqueue(`${rejection.dispatchId}@rejected:${rejection.reason}`, rejection.callbackUrl, report);
    },
  });
  const watcher: InboxWatcher = createInboxWatcher({
    intake,
    durable: createWalSync(store.db.name),
    log,
    onCommitted: deps.onCommitted,
    options: { batchSize: opts.batchSize, rescanMs: opts.rescanMs, staleMs: opts.staleMs },
    onBatch(files, outcomes) {
      scheduleMirror();
      deps.onBatch?.(files, outcomes);
    },
  });
  const heartbeat = createHeartbeat({ store, version: deps.version, dirs: () => watcher.dirs(), intervalMs: opts.heartbeatMs, log });

  const unsubscribers: (() => void)[] = [];

  const rejected = createRejectedFiles({ dirs: () => watcher.dirs(), audit });

  return {
    intake,
    rejected,
    start() {
      syncMirror();
      reports.start();
      sender.start();
      const refreshDirs = (): void => watcher.setDirs(inboxDirs(deps.paths.dispatch, config.get(), userHome));
      refreshDirs();
      heartbeat.start();
      // Every audit row, whoever writes it, schedules the audit.jsonl mirror: no polling.
      unsubscribers.push(store.audit.onAppend(scheduleMirror), config.onChange(refreshDirs));
      const timers = [setInterval(refreshDirs, 10_000)]; // ~/.gstack/dispatch may appear later
      for (const t of timers) t.unref?.();
      unsubscribers.push(() => timers.forEach(clearInterval));
    },
    dirs: () => watcher.dirs(),
    idle: () => watcher.idle(),
    dispose() {
      disposing ??= (async () => {
        for (const off of unsubscribers) off();
        await watcher.dispose();
        heartbeat.dispose();
        reports.dispose();
        await sender.dispose();
        disposed = true;
        if (mirrorScheduled) clearImmediate(mirrorScheduled);
        syncMirror(); // the last events, while the store is still open
      })();
      return disposing;
    },
  };
}
