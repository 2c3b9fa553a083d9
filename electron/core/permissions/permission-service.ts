/**
 * Pending approvals for ACP `session/request_permission` (issue #5). A request is decided at once by
 * the policy, or stored as pending, announced on the bus (`permission.changed`) and answered later by
 * a person through the contract. Every request and every decision is audited.
 */
import type { PermissionPolicy } from '../../../shared/models/config.js';
import type { PermissionOption, PermissionOptionKind, PermissionRequest } from '../../../shared/models/permission.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { createPermissionsRepo, type PermissionDecisionRow } from './permissions-repo.js';
import { autoDecision } from './policy.js';

export interface PermissionAsk {
  taskId: string;
  runId: number;
  sessionId: string | null;
  /** The tool call as the agent sent it (ACP ToolCallUpdate). */
  toolCall: Record<string, unknown>;
  options: PermissionOption[];
  /** Aborts when the agent withdraws the request or its connection closes. */
  signal?: AbortSignal;
  /** true when the run gets its first pending request; false when it has none left. */
  onPendingChange?(pending: boolean): void;
}

export type PermissionOutcome =
  | { outcome: 'selected'; optionId: string; kind: PermissionOptionKind; decidedBy: string }
  | { outcome: 'cancelled'; decidedBy: string };

export interface PermissionService {
  /** Decides a request: by policy now, or once a person answers. Never rejects. */
  request(ask: PermissionAsk): Promise<{ request: PermissionRequest; outcome: PermissionOutcome }>;
  list(taskId?: string, all?: boolean): PermissionRequest[];
  answer(input: { taskId: string; requestId: number; optionId: string }, actor?: string): PermissionRequest;
  /** Answers every pending request of a run `cancelled`. Returns how many there were. */
  cancelRun(runId: number, actor?: string): number;
  /** The policy in force for a task: its project's override, else config. */
  policyFor(taskId: string): PermissionPolicy;
  dispose(): void;
}

export interface PermissionServiceDeps {
  store: Store;
  bus: Bus;
  config: ConfigService;
  clock: Clock;
}

interface Pending {
  runId: number;
  settle(outcome: PermissionOutcome, request: PermissionRequest): void;
}

export function createPermissionService({ store, bus, config, clock }: PermissionServiceDeps): PermissionService {
  const repo = createPermissionsRepo(store.db);
  const pending = new Map<number, Pending>();
  const perRun = new Map<number, { count: number; onChange?: (p: boolean) => void }>();

  const expired = repo.expireAll('restart', clock.now());
  if (expired) store.audit.append(clock.now(), 'permission.expired', null, 'switchboard', { count: expired, reason: 'their agents ended with the previous instance' });

  const policyFor = (taskId: string): PermissionPolicy => {
    const task = store.tasks.get(taskId);
    const project = task ? store.projects.get(task.projectId) : null;
    return project?.settings.permissionPolicy ?? config.get().permissionPolicy;
  };

  /** Writes a decision (CAS from pending), audits it and announces it; null when already decided. */
  const decide = (id: number, d: PermissionDecisionRow, extra: Record<string, unknown> = {}): PermissionRequest | null => {
    const now = clock.now();
    const decided = store.tx(() => {
      const req = repo.decide(id, d, now);
      if (req) audit(req, now, extra);
      return req;
    });
    if (!decided) return null;
    bus.emit('permission.changed', { request: decided });
    const p = pending.get(id);
    if (p) {
      pending.delete(id);
      const option = decided.options.find((o) => o.optionId === decided.optionId);
      p.settle(
        d.state === 'answered' && option
          ? { outcome: 'selected', optionId: option.optionId, kind: option.kind, decidedBy: d.decidedBy }
          : { outcome: 'cancelled', decidedBy: d.decidedBy },
        decided,
      );
      const run = perRun.get(p.runId);
      if (run && --run.count === 0) {
        perRun.delete(p.runId);
        run.onChange?.(false);
      }
    }
    return decided;
  };

  const audit = (req: PermissionRequest, now: number, extra: Record<string, unknown>): void => {
    const option = req.options.find((o) => o.optionId === req.optionId);
    store.audit.append(now, req.state === 'pending' ? 'permission.requested' : 'permission.decision', req.taskId, req.decidedBy ?? 'agent', {
      requestId: req.id,
      runId: req.runId,
      title: req.title,
      toolKind: req.toolKind,
      state: req.state,
      ...(option ? { optionId: option.optionId, optionKind: option.kind } : {}),
      ...extra,
    });
  };

  return {
    policyFor,
    request(ask) {
      const title = typeof ask.toolCall.title === 'string' && ask.toolCall.title ? ask.toolCall.title : 'a tool call';
      const toolKind = typeof ask.toolCall.kind === 'string' ? ask.toolCall.kind : null;
      const base = { taskId: ask.taskId, runId: ask.runId, sessionId: ask.sessionId, title, toolKind, toolCall: ask.toolCall, options: ask.options };
      const now = clock.now();

      const policy = policyFor(ask.taskId);
      const auto = autoDecision(policy, toolKind, ask.options);
      if (auto || !ask.options.length || ask.signal?.aborted) {
        const decidedBy = auto ? `policy:${policy}` : ask.options.length ? 'agent' : 'no-options';
        const row: PermissionDecisionRow = auto ? { state: 'answered', optionId: auto.optionId, decidedBy } : { state: 'cancelled', optionId: null, decidedBy };
        const request = store.tx(() => {
          const r = repo.insert(base, now, row);
          audit(r, now, { policy });
          return r;
        });
        bus.emit('permission.changed', { request });
        const outcome: PermissionOutcome = auto ? { outcome: 'selected', optionId: auto.optionId, kind: auto.kind, decidedBy } : { outcome: 'cancelled', decidedBy };
        return Promise.resolve({ request, outcome });
      }

      const request = store.tx(() => {
        const r = repo.insert(base, now);
        audit(r, now, { policy });
        return r;
      });
      return new Promise((resolve) => {
        const onAbort = (): void => void decide(request.id, { state: 'cancelled', optionId: null, decidedBy: 'agent' }, { reason: 'withdrawn by the agent or its connection closed' });
        pending.set(request.id, {
          runId: ask.runId,
          settle: (outcome, decided) => {
            ask.signal?.removeEventListener('abort', onAbort);
            resolve({ request: decided, outcome });
          },
        });
        ask.signal?.addEventListener('abort', onAbort, { once: true });
        const run = perRun.get(ask.runId) ?? { count: 0, onChange: ask.onPendingChange };
        perRun.set(ask.runId, run);
        if (run.count++ === 0) run.onChange?.(true);
        bus.emit('permission.changed', { request });
      });
    },
    list: (taskId, all = false) => repo.list(taskId, all),
    answer({ taskId, requestId, optionId }, actor = 'user') {
      const req = repo.get(requestId);
      if (!req || req.taskId !== taskId) throw new AppError('not_found', `permission request ${requestId} of task ${taskId} was not found; list them with \`switchboard permissions\``);
      if (req.state !== 'pending') {
        throw new AppError('conflict', `permission request ${requestId} of task ${taskId} is already ${req.state}${req.decidedBy ? ` (by ${req.decidedBy})` : ''}`);
      }
      const option = req.options.find((o) => o.optionId === optionId);
      if (!option) {
        const offered = req.options.map((o) => `${o.optionId} (${o.kind})`).join(', ');
        throw new AppError('invalid_input', `permission request ${requestId} has no option "${optionId}"; choose one of: ${offered}`);
      }
      if (!pending.has(requestId)) {
        decide(requestId, { state: 'expired', optionId: null, decidedBy: 'switchboard' }, { reason: 'its agent is no longer running' });
        throw new AppError('conflict', `permission request ${requestId} of task ${taskId} can no longer be answered: its agent is not running`);
      }
      const decided = decide(requestId, { state: 'answered', optionId, decidedBy: actor });
      if (!decided) throw new AppError('conflict', `permission request ${requestId} of task ${taskId} was answered meanwhile`);
      return decided;
    },
    cancelRun(runId, actor = 'cancel') {
      let n = 0;
      for (const [id, p] of [...pending]) {
        if (p.runId === runId && decide(id, { state: 'cancelled', optionId: null, decidedBy: actor })) n++;
      }
      return n;
    },
    dispose() {
      for (const id of [...pending.keys()]) decide(id, { state: 'cancelled', optionId: null, decidedBy: 'shutdown' });
    },
  };
}
