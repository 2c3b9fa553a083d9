import type { RequestInput } from '../../../shared/contract.js';
import type { Project } from '../../../shared/models/project.js';
import type { Task } from '../../../shared/models/task.js';

export interface NewTaskForm {
  /** A host of config.json (issue 14), or '' for this machine: the agent runs there and the project is a path there. */
  host: string;
  /** A known project's dir, or OTHER_PROJECT to type a path. */
  project: string;
  otherDir: string;
  agent: string;
  /** More agents for a best-of-N group: each runs the same prompt in its own worktree (issue 17). */
  alsoAgents: string[];
  prompt: string;
  /** Minutes, as typed; empty means the default. */
  ttlMinutes: string;
  /** One constraint per line. */
  constraints: string;
}

export type NewTaskField = 'host' | 'projectDir' | 'agent' | 'prompt' | 'ttlSeconds' | 'constraints';
export type FieldErrors = Partial<Record<NewTaskField, string>>;

export const OTHER_PROJECT = '__other__';

export const emptyForm = (project = '', host = ''): NewTaskForm => ({ host, project, otherDir: '', agent: '', alsoAgents: [], prompt: '', ttlMinutes: '', constraints: '' });

/** Turns the form into a tasks.create input, or says which fields are wrong and how. */
export function buildCreateInput(form: NewTaskForm): { input: RequestInput<'tasks.create'> } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const projectDir = (form.project === OTHER_PROJECT ? form.otherDir : form.project).trim();
  if (!projectDir) errors.projectDir = form.project === OTHER_PROJECT ? 'Type the project’s folder path.' : 'Pick a project.';
  const prompt = form.prompt.trim();
  if (!prompt) errors.prompt = 'Say what the agent should do.';
  let ttlSeconds: number | undefined;
  if (form.ttlMinutes.trim()) {
    const m = Number(form.ttlMinutes);
    if (!Number.isFinite(m) || m < 1 || m > 1440) errors.ttlSeconds = 'Give the time limit in minutes, from 1 to 1440.';
    else ttlSeconds = Math.round(m * 60);
  }
  const agent = form.agent.trim();
  const also = form.alsoAgents.filter((a) => a && a !== agent);
  if (also.length && !agent) errors.agent = 'Pick the first agent too: a group runs exactly the agents you name.';
  if (Object.keys(errors).length) return { errors };
  const constraints = form.constraints
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean);
  return {
    input: {
      projectDir,
      prompt,
      ...(form.host ? { host: form.host } : {}),
      ...(also.length ? { agents: [agent, ...also] } : agent ? { agent } : {}),
      ...(ttlSeconds ? { ttlSeconds } : {}),
      ...(constraints.length ? { constraints } : {}),
    },
  };
}

/** Projects with the most recently used first (by their newest task), then newest added. */
export function recentProjects(projects: readonly Project[], tasks: Iterable<Task>): Project[] {
  const lastUsed = new Map<number, number>();
  for (const t of tasks) lastUsed.set(t.projectId, Math.max(lastUsed.get(t.projectId) ?? 0, Date.parse(t.createdAt)));
  const key = (p: Project) => lastUsed.get(p.id) ?? Date.parse(p.createdAt) - 1e13;
  return [...projects].sort((a, b) => key(b) - key(a));
}

/** The projects on `host` ('' for this machine), as the project picker lists them. */
export const projectsOn = (projects: readonly Project[], host: string): Project[] => projects.filter((p) => (p.host ?? '') === host);

/** Maps the core's field paths (details[].path) onto the form's fields. */
export function fieldOf(path: string): NewTaskField | null {
  const head = path.split('.')[0];
  if (head === 'agents') return 'agent';
  return (['host', 'projectDir', 'agent', 'prompt', 'ttlSeconds', 'constraints'] as const).find((f) => f === head) ?? null;
}
