import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  Dispatch,
  KNOWN_DISPATCH_FIELDS,
  MAX_PROMPT_LEARNINGS,
  describeIssues,
  priorityValue,
  type DispatchInput,
} from '../../../shared/models/dispatch.js';
import type { TaskSource } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { newTaskId } from '../tasks/ids.js';
import type { SubmitTask, TaskRequest } from '../tasks/submit-task.js';

/** Where a task's dispatch came from, kept in task.meta.dispatch. */
export interface DispatchOrigin {
  /** The watched folder (its completed/ gets the report). Null for tasks.create. */
  dir: string | null;
  file: string | null;
}

const learningText = (l: Dispatch['learnings'][number]): string => {
  if (typeof l === 'string') return l;
  for (const key of ['text', 'learning', 'insight', 'summary', 'content']) if (typeof l[key] === 'string') return l[key] as string;
  return JSON.stringify(l);
};

/** The agent's prompt: the task, then the constraints and up to five learnings, clearly delimited. */
export function composePrompt(task: string, constraints: readonly string[], learnings: Dispatch['learnings']): string {
  const parts = [task.trimEnd()];
  const list = (items: string[]) => items.map((t) => `- ${t.trim().replace(/\n/g, '\n  ')}`).join('\n');
  if (constraints.length) parts.push(`<constraints>\nFollow every one of these:\n${list([...constraints])}\n</constraints>`);
  const shown = learnings.slice(0, MAX_PROMPT_LEARNINGS).map(learningText);
  if (shown.length) parts.push(`<learnings>\nLessons from earlier work on this project:\n${list(shown)}\n</learnings>`);
  return parts.join('\n\n');
}

/** Canonical JSON (sorted keys), so the same content always hashes the same however it was written. */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
};

/** The content hash that makes intake exactly-once: same id + same hash is the same dispatch. */
export const dispatchHash = (d: Dispatch): string => createHash('sha256').update(canonical(d)).digest('hex');

/** Unknown fields, kept verbatim and ignored. */
const extras = (d: Dispatch): Record<string, unknown> =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !KNOWN_DISPATCH_FIELDS.includes(k)));

/** A parsed dispatch as a request to submitTask. */
export function dispatchToTaskRequest(d: Dispatch, opts: { source: TaskSource; origin: DispatchOrigin; hash?: string; inPlace?: boolean }): TaskRequest {
  const extra = extras(d);
  return {
    id: d.id,
    contentHash: opts.hash ?? dispatchHash(d),
    projectDir: d.project_dir,
    prompt: composePrompt(d.task, d.constraints, d.learnings),
    agent: d.target_agent,
    agents: d.agents,
    ttlSeconds: d.ttl_seconds,
    priority: priorityValue(d.priority),
    inPlace: opts.inPlace,
    baseBranch: d.base_branch,
    host: d.host,
    callbackUrl: d.callback_url,
    dispatchedBy: d.dispatched_by,
    source: opts.source,
    meta: {
      project: d.project,
      ...(d.constraints.length ? { constraints: d.constraints } : {}),
      ...(d.learnings.length ? { learnings: d.learnings } : {}),
      ...(d.clawvisor_task_id ? { clawvisor_task_id: d.clawvisor_task_id } : {}),
      dispatch: { dir: opts.origin.dir, file: opts.origin.file, schemaVersion: d.schema_version },
      ...(Object.keys(extra).length ? { extra } : {}),
    },
  };
}

/** Dispatch field → tasks.create field, so an error names what the caller sent. */
const CREATE_FIELDS: Record<string, string> = {
  task: 'prompt',
  project_dir: 'projectDir',
  target_agent: 'agent',
  ttl_seconds: 'ttlSeconds',
  callback_url: 'callbackUrl',
  base_branch: 'baseBranch',
  dispatched_by: 'dispatchedBy',
};

/**
 * tasks.create (and the UI) through the dispatch path: the request becomes a dispatch document with a
 * dispatch-form id, is validated by the same schema, and is submitted like a file would be.
 */
export function createDispatchSubmit(submit: SubmitTask, clock: Clock): SubmitTask {
  return (req) => {
    const doc: DispatchInput = {
      id: req.id ?? newTaskId(clock.now()),
      dispatched_by: req.dispatchedBy ?? req.source,
      task: req.prompt,
      project: basename(req.projectDir.replace(/[\\/]+$/, '')) || req.projectDir,
      project_dir: req.projectDir,
      target_agent: req.agent,
      ...(req.agents?.length ? { agents: req.agents, schema_version: 2 } : {}),
      ttl_seconds: req.ttlSeconds,
      constraints: req.constraints,
      callback_url: req.callbackUrl,
      base_branch: req.baseBranch,
      priority: req.priority,
      ...(req.host ? { host: req.host, schema_version: 3 } : {}),
    };
    const parsed = Dispatch.safeParse(doc);
    if (!parsed.success) {
      const problems = describeIssues(doc, parsed.error);
      const details = problems.map((p) => ({ path: CREATE_FIELDS[p.field] ?? p.field, message: `expected ${p.expected}, got ${p.got}` }));
      throw new AppError('invalid_input', `invalid task: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
    }
    const out = dispatchToTaskRequest(parsed.data, { source: req.source, origin: { dir: null, file: null }, inPlace: req.inPlace });
    return submit({ ...out, meta: { ...req.meta, ...out.meta } });
  };
}
