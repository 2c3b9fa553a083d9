import type { Task } from '../../../shared/models/task.js';

export interface TaskFilters {
  /** Matches the prompt or the id, case-insensitively, like the core's tasks.list search. */
  search: string;
  projectId: number | null;
  agent: string | null;
  /** Show the archived tasks (and only them) instead of the rest. */
  archived: boolean;
}

export const NO_FILTERS: TaskFilters = { search: '', projectId: null, agent: null, archived: false };

export const hasFilters = (f: TaskFilters): boolean => f.search.trim() !== '' || f.projectId != null || f.agent != null || f.archived;

export function matchesFilters(task: Task, f: TaskFilters): boolean {
  if (Boolean(task.archivedAt) !== f.archived) return false;
  if (f.projectId != null && task.projectId !== f.projectId) return false;
  if (f.agent != null && task.agent !== f.agent) return false;
  const q = f.search.trim().toLowerCase();
  if (q && !task.prompt.toLowerCase().includes(q) && !task.id.toLowerCase().includes(q)) return false;
  return true;
}
