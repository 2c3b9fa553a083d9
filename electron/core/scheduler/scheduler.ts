/**
 * The scheduler (issue #4): takes queued tasks from the store in priority-then-FIFO order, within
 * `maxConcurrent` and the per-project limits (re-read on every pass, so a config change applies at
 * once), and runs each through runTask(). It cancels, enforces TTLs through runTask, requeues
 * interrupted tasks at start per `onInterrupted`, and shuts down gracefully.
 */
import type { Task } from '../../../shared/models/task.js';
import type { ResolvedAgent } from '../runners/runner.js';
import { createQueue } from './queue.js';
import { requeueInterrupted } from './recovery.js';
import { runTask } from './run-task.js';
import { createOutputTick } from '../runners/output-tick.js';
import { failTask } from './finish-task.js';
import { requestDone } from './done-interactive.js';
import type { ActiveTask, SchedulerDeps, StopReason } from './types.js';

export interface Scheduler {
  /** Requeues interrupted tasks (per config.onInterrupted) and starts taking work. */
  start(): void;
  /** Stops a task that is not queued: kills its agent and marks it cancelled. */
  cancelActive(taskId: string): Promise<void>;
  /** Done on a running interactive agent: it is ended gracefully and its diff captured. Settles once the task has left `running`. */
  doneActive(taskId: string): Promise<void>;
  /** Ids of the tasks being worked on now. */
  active(): string[];
  /** Why a queued task has not started yet, in words a person can act on; null when it is not waiting. */
  whyWaiting(taskId: string): string | null;
  /**
   * Graceful shutdown: stop taking work, give running tasks `graceMs` to finish, then stop them and
   * mark them interrupted (they resume on restart). The queue stays in the store.
   */
  shutdown(graceMs: number): Promise<void>;
  dispose(): Promise<void>;
}

export function createScheduler(given: SchedulerDeps): Scheduler {
  // One output tick for all the runs: their terminal output is stored in one transaction per tick.
  const deps: SchedulerDeps = { ...given, outputTick: given.outputTick ?? createOutputTick({ tx: given.store.tx }) };
  const { store, clock, config, transition, registry } = deps;
  const log = deps.log ?? ((m: string) => console.error(`switchboard scheduler: ${m}`));
  const queue = createQueue(store.db);
  const active = new Map<string, ActiveTask>();
  let accepting = false;
  let disposed = false;
  let kickPending = false;
  let wakeTimer: NodeJS.Timeout | null = null;

  const kick = (): void => {
    if (!accepting || kickPending) return;
    kickPending = true;
    setImmediate(() => {
      kickPending = false;
      pump();
    });
  };

  const projectLimit = (projectId: number): number => {
    const global = config.get().maxConcurrentPerProject ?? Infinity;
    const own = store.projects.get(projectId)?.settings.maxConcurrent ?? Infinity;
    return Math.min(global, own);
  };

  const busyProjects = (): number[] => {
    const counts = new Map<number, number>();
    for (const a of active.values()) counts.set(a.projectId, (counts.get(a.projectId) ?? 0) + 1);
    const busy = [...counts].filter(([id, n]) => n >= projectLimit(id)).map(([id]) => id);
    return [...busy, ...projectsOfFullHosts(counts)];
  };

  /** Every project of a host that runs its `maxConcurrent` tasks already (issue 14). */
  const projectsOfFullHosts = (counts: Map<number, number>): number[] => {
    const hosts = config.get().hosts;
    if (!Object.values(hosts).some((h) => h.maxConcurrent)) return [];
    const perHost = new Map<string, number>();
    for (const [id, n] of counts) {
      const host = store.projects.get(id)?.host;
      if (host) perHost.set(host, (perHost.get(host) ?? 0) + n);
    }
    const full = new Set([...perHost].filter(([h, n]) => n >= (hosts[h]?.maxConcurrent ?? Infinity)).map(([h]) => h));
    return full.size ? store.projects.list().filter((p) => p.host && full.has(p.host)).map((p) => p.id) : [];
  };

  const pump = (): void => {
    if (!accepting) return;
    try {
      while (active.size < config.get().maxConcurrent) {
        const next = queue.next(clock.now(), busyProjects());
        if (!next) break;
        const check = registry.check(next.agent, { remote: !!next.host });
        if (!check.ok) {
          // Fails at once with the reason: no attempt, no timeout.
          transition(next.id, 'refuse', { reason: check.reason, patch: { error_type: 'agent_unavailable', error: check.reason } });
          continue;
        }
        const claimed = transition(next.id, 'claim', { patch: { not_before: null } });
        if (claimed) launch(claimed, check.agent);
      }
    } catch (err) {
      log(`could not take the next task: ${(err as Error).stack ?? err}`);
    }
    scheduleWake();
  };

  const scheduleWake = (): void => {
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = null;
    if (!accepting) return;
    const at = queue.nextWakeAt(clock.now());
    if (at == null) return;
    wakeTimer = setTimeout(kick, Math.max(0, at - clock.now()) + 5);
    wakeTimer.unref();
  };

  /** Fails a task whose run broke; while the store refuses writes (a full disk) it tries again, backing off. */
  const recordFailure = (taskId: string, message: string, attempt = 0): void => {
    try {
      failTask(deps, taskId, 'internal', message);
    } catch {
      if (accepting) setTimeout(() => recordFailure(taskId, message, attempt + 1), Math.min(30_000, 500 * 2 ** attempt)).unref();
    }
  };

  const launch = (task: Task, agent: ResolvedAgent): void => {
    const entry: ActiveTask = { taskId: task.id, projectId: task.projectId, stopReason: null, handle: null, interactive: null, doneRequested: false, graceMs: deps.killGraceMs ?? 5000, finished: Promise.resolve() };
    active.set(task.id, entry);
    entry.finished = runTask(deps, task, agent, entry)
      .catch((err) => {
        log(`task ${task.id} failed unexpectedly: ${(err as Error).stack ?? err}`);
        void entry.handle?.stop('cancel', entry.graceMs);
        recordFailure(task.id, `Switchboard hit an internal error while running task ${task.id}: ${(err as Error).message}. Retry the task.`);
      })
      .finally(() => {
        // A retry may already have claimed the task again with a new entry: that one stays tracked.
        if (active.get(task.id) === entry) active.delete(task.id);
        kick();
      });
  };

  const stop = (entry: ActiveTask, reason: StopReason): Promise<void> => {
    entry.stopReason ??= reason;
    if (entry.handle) void entry.handle.stop(reason, entry.graceMs);
    return entry.finished;
  };

  const shutdown = async (graceMs: number): Promise<void> => {
    accepting = false;
    if (wakeTimer) clearTimeout(wakeTimer);
    const all = [...active.values()];
    if (!all.length) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
    await Promise.race([Promise.all(all.map((a) => a.finished)), graceOver]);
    clearTimeout(timer);
    await Promise.all([...active.values()].map((a) => stop(a, 'shutdown')));
  };

  const unsubscribers = [
    deps.bus.on('task.changed', ({ task, previousState }) => {
      // A decided review frees its folder for the next in-place task.
      if (task.state === 'queued' || previousState === 'awaiting_review') kick();
    }),
    config.onChange(() => kick()),
    deps.bus.on('project.changed', () => kick()),
  ];

  /**
   * "dispatch-a waits for your answer and holds 1 of the 1 agent slots": a queue stalled behind agents
   * that wait for a person (a permission or a question) says so first, since only the person can free it.
   */
  const heldByYou = (holders: ActiveTask[], what: string): string | null => {
    const asking = holders.filter((a) => store.tasks.get(a.taskId)?.state === 'awaiting_input').map((a) => a.taskId);
    if (!asking.length) return null;
    const names = asking.length > 3 ? `${asking.slice(0, 3).join(', ')} and ${asking.length - 3} more` : asking.join(', ');
    const one = asking.length === 1;
    return `${names} wait${one ? 's' : ''} for your answer and hold${one ? 's' : ''} ${asking.length} of the ${what}: answer in Needs you to free a slot`;
  };

  return {
    start() {
      if (disposed || accepting) return;
      accepting = true;
      const requeued = requeueInterrupted(store, transition, config.get().onInterrupted);
      if (requeued.length) store.audit.append(clock.now(), 'recovery.requeued', null, 'switchboard', { requeued });
      kick();
    },
    async cancelActive(taskId) {
      const entry = active.get(taskId);
      if (entry) return stop(entry, 'cancel');
      // Not running here (a stray state from a dead instance): nothing to stop, so it ends at once.
      const cancelled = { actor: 'user', reason: 'cancelled by user', patch: { error_type: 'cancelled', error: 'cancelled by user' } } as const;
      if (!transition(taskId, 'cancel', cancelled)) transition(taskId, 'stop_run', cancelled);
    },
    doneActive: (taskId) => requestDone(active.get(taskId), taskId),
    active: () => [...active.keys()],
    whyWaiting(taskId) {
      const task = store.tasks.get(taskId);
      if (!task || task.state !== 'queued') return null;
      const now = clock.now();
      const row = store.tasks.getRow(taskId);
      if (row?.not_before != null && row.not_before > now) {
        return `waiting to retry after ${task.errorType ?? 'an error'}: it starts again at ${new Date(row.not_before).toLocaleTimeString()} (in ${Math.ceil((row.not_before - now) / 1000)} s)`;
      }
      const holder = queue.inPlaceHolder(taskId);
      if (holder) {
        return holder.state === 'awaiting_review'
          ? `waiting for task ${holder.id}, which ran in place in the same folder: its change must be approved or rejected first`
          : `waiting for task ${holder.id}, which is running in place in the same folder (in-place tasks of one folder run one at a time)`;
      }
      if (!accepting) return 'Switchboard is not taking work right now (it is starting or stopping)';
      const check = registry.check(task.agent, { remote: !!task.host });
      if (!check.ok) return check.reason;
      const max = config.get().maxConcurrent;
      if (active.size >= max) {
        return heldByYou([...active.values()], `${max} agent slot${max === 1 ? '' : 's'} (maxConcurrent ${max})`) ?? `all ${max} agent slot${max === 1 ? ' is' : 's are'} busy (maxConcurrent ${max}); it starts when one is free`;
      }
      const limit = projectLimit(task.projectId);
      const inProject = [...active.values()].filter((a) => a.projectId === task.projectId);
      if (inProject.length >= limit) {
        return heldByYou(inProject, `${limit} slot${limit === 1 ? '' : 's'} of its project`) ?? `its project already runs ${inProject.length} task${inProject.length === 1 ? '' : 's'} (its limit is ${limit}); it starts when one ends`;
      }
      const hostMax = task.host ? config.get().hosts[task.host]?.maxConcurrent : undefined;
      const onHost = task.host ? [...active.values()].filter((a) => store.projects.get(a.projectId)?.host === task.host).length : 0;
      if (hostMax != null && onHost >= hostMax) return `host ${task.host} already runs ${onHost} task${onHost === 1 ? '' : 's'} (hosts.${task.host}.maxConcurrent is ${hostMax}); it starts when one ends`;
      return 'next in line: it starts in a moment';
    },
    shutdown,
    async dispose() {
      if (disposed) return;
      await shutdown(0);
      disposed = true;
      for (const u of unsubscribers) u();
    },
  };
}
