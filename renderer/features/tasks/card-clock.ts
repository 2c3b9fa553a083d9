import type { Task } from '../../../shared/models/task.js';

/**
 * The time a card is drawn at. The board ticks every second, but only a duration still running
 * (started, not ended) and the age of a task younger than a minute ("12s ago") change that often;
 * every other card gets the time rounded down to the minute, so the memoised card re-renders once a
 * minute instead of every second.
 */
export function cardClock(task: Pick<Task, 'startedAt' | 'endedAt' | 'createdAt'>, now: number): number {
  if ((task.startedAt && !task.endedAt) || now - Date.parse(task.createdAt) < 70_000) return now;
  return now - (now % 60_000);
}
