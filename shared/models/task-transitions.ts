import { ACTIVE_STATES, type TaskState } from './task.js';

/**
 * The task state machine: every way a task may change state, named by what happened. The core's
 * transition() takes an event name from this table and nothing else, so no code can move a task
 * along an edge that is not listed here; the renderer asks the same table which buttons to enable.
 * ARCHITECTURE.md draws it.
 *
 * ```
 * queued ─claim→ preparing (─setup_fail→ failed) ─start→ running ⇄ awaiting_input (ask / answer)
 *                  └──────────────┴─ capture → awaiting_review ─approve→ applied
 *                                   │                            ├open_pr→ pr_opened ─follow_up→ queued
 *                                   │                            ├reject→ rejected
 *                                   │                            └follow_up→ queued
 *                                   ├ capture_empty → no_changes
 *                                   ├ fail → failed      ├ time_out → timed_out
 *                                   ├ retry_later → queued
 *                                   ├ stop_run → cancelled
 *                                   └ interrupt → interrupted ─resume→ queued
 * queued | active | awaiting_review | interrupted ─supersede→ rejected (a group sibling won)
 * queued ─refuse→ failed (agent missing)   queued | interrupted | awaiting_review ─cancel→ cancelled
 * failed | timed_out | cancelled | interrupted ─retry→ queued
 * ```
 */
export const TRANSITIONS = {
  /** The scheduler takes a queued task for a free slot. */
  claim: { from: ['queued'], to: 'preparing' },
  /** The scheduler cannot run it at all (its agent is missing or disabled). */
  refuse: { from: ['queued'], to: 'failed' },
  /** switchboard.json's setup failed in the new worktree (issue 16): no agent starts. */
  setup_fail: { from: ['preparing'], to: 'failed' },
  /** The agent process started. */
  start: { from: ['preparing'], to: 'running' },
  /** The agent waits for a person (a permission prompt). */
  ask: { from: ['running'], to: 'awaiting_input' },
  /** The person answered. */
  answer: { from: ['awaiting_input'], to: 'running' },
  /** The run ended with a change to review. */
  capture: { from: ACTIVE_STATES, to: 'awaiting_review' },
  /** The run ended and changed nothing. */
  capture_empty: { from: ACTIVE_STATES, to: 'no_changes' },
  /** The run failed and no retry is left. */
  fail: { from: ACTIVE_STATES, to: 'failed' },
  /** The run failed and the retry policy queues it again after a delay. */
  retry_later: { from: ACTIVE_STATES, to: 'queued' },
  /** The time limit stopped the run. */
  time_out: { from: ACTIVE_STATES, to: 'timed_out' },
  /** A person cancelled a running task, and its agent has stopped. */
  stop_run: { from: ACTIVE_STATES, to: 'cancelled' },
  /** Switchboard stopped (or died) while the task ran. */
  interrupt: { from: ACTIVE_STATES, to: 'interrupted' },
  /** An interrupted task is queued again at start-up (onInterrupted: "requeue"). */
  resume: { from: ['interrupted'], to: 'queued' },
  /** A person cancelled a task that has no agent running; in review this ends its change. */
  cancel: { from: ['queued', 'interrupted', 'awaiting_review'], to: 'cancelled' },
  /** A person runs an ended task again from the start. */
  retry: { from: ['failed', 'timed_out', 'cancelled', 'interrupted'], to: 'queued' },
  /** The reviewed change was applied to the project. */
  approve: { from: ['awaiting_review'], to: 'applied' },
  /** The reviewed change left as a branch and a pull request instead of being applied (issue 16). */
  open_pr: { from: ['awaiting_review'], to: 'pr_opened' },
  /** The reviewed change was turned down. */
  reject: { from: ['awaiting_review'], to: 'rejected' },
  /**
   * Another sibling of its best-of-N group was approved (issue 17): the task ends as rejected with the
   * reason "superseded by <id>"; an agent still running is stopped right after (the cancel path).
   */
  supersede: { from: ['queued', ...ACTIVE_STATES, 'awaiting_review', 'interrupted'], to: 'rejected' },
  /** The reviewer sends the task back to its agent with a message. */
  follow_up: { from: ['awaiting_review', 'pr_opened'], to: 'queued' },
} as const satisfies Record<string, { from: readonly TaskState[]; to: TaskState }>;

export type TaskEvent = keyof typeof TRANSITIONS;

/** Whether `event` may happen to a task in `state`. */
export const canHappen = (state: TaskState, event: TaskEvent): boolean => (TRANSITIONS[event].from as readonly TaskState[]).includes(state);

/** Whether a task may go from one state to another by any event. */
export const canTransition = (from: TaskState, to: TaskState): boolean =>
  Object.values(TRANSITIONS).some((t) => t.to === to && (t.from as readonly TaskState[]).includes(from));

/** What a person can do with a task in `state`: the buttons the UI offers and the CLI accepts. */
export function taskActionsFor(state: TaskState): { cancel: boolean; retry: boolean; review: boolean } {
  return {
    cancel: canHappen(state, 'cancel') || canHappen(state, 'stop_run'),
    retry: canHappen(state, 'retry'),
    review: canHappen(state, 'approve'),
  };
}
