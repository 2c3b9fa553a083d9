/**
 * The dispatch file format (issue #3): what orchestrators drop into a watched inbox to hand
 * Switchboard work. gstack's files are accepted as they are; unknown fields are kept and ignored;
 * wrong types are errors. Platform-neutral: the core, the CLI and the renderer all parse with it.
 */
import { z } from 'zod';
import { TASK_ID_RE } from './task.js';

/**
 * The newest dispatch schema this Switchboard reads. Version 2 added `agents` (a best-of-N group,
 * issue 17); version 1 files stay valid, and a file without schema_version is read as version 1.
 */
export const DISPATCH_SCHEMA_VERSION = 2;
const READ_VERSIONS = [1, 2, 3];
/** Files over this size are rejected unread. */
export const DISPATCH_MAX_BYTES = 1024 * 1024;
/** Only this many learnings reach the agent's prompt. */
export const MAX_PROMPT_LEARNINGS = 5;
export const DEFAULT_DISPATCH_TTL_SECONDS = 3600;

/** Named priorities some orchestrators use, mapped onto the task's integer priority. */
export const PRIORITY_NAMES = { low: -10, normal: 0, high: 10, urgent: 20 } as const;

const isAbsoluteLike = (p: string): boolean => p.startsWith('/') || p.startsWith('~/') || /^[A-Za-z]:[\\/]/.test(p);
const isHttpUrl = (u: string): boolean => {
  try {
    const url = new URL(u);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** `null` in an optional field means "not set" (many writers emit it); any other wrong type is an error. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

export const DispatchId = z
  .string()
  .max(128, 'at most 128 characters')
  .regex(TASK_ID_RE, 'an id starting with "dispatch-" followed by letters, digits, "-", "_" or "." only');

export const Learning = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'a string, or an object with a "text" field',
});

export const Dispatch = z.looseObject({
  schema_version: optional(
    z.number({ error: 'the integer 1, 2 or 3' }).int('the integer 1, 2 or 3').refine((v) => READ_VERSIONS.includes(v), {
      message: `schema version 1, 2 or 3 (the versions this Switchboard reads)`,
    }),
  ).transform((v) => v ?? 1),
  id: DispatchId,
  dispatched_by: z.string().min(1, 'a non-empty string naming who dispatched it').max(200, 'at most 200 characters'),
  task: z.string().max(512 * 1024, 'at most 512 KiB of text').refine((s) => s.trim() !== '', { message: 'a non-empty task description' }),
  project: z.string().min(1, 'a non-empty project name').max(200, 'at most 200 characters'),
  project_dir: z.string().max(4096, 'at most 4096 characters').refine(isAbsoluteLike, { message: 'an absolute path, or one starting with ~/' }),
  target_agent: optional(z.string().min(1, 'a non-empty agent name').max(100, 'at most 100 characters')),
  /** Version 2: two or more agents run the task as a best-of-N group, one sibling task each (issue 17). */
  agents: optional(z.array(z.string().min(1, 'a non-empty agent name').max(100, 'at most 100 characters')).min(1, 'at least one agent').max(8, 'at most 8 agents')),
  ttl_seconds: optional(
    z.number().int().min(60, 'at least 60 seconds').max(86_400, 'at most 86400 seconds (one day)'),
  ).transform((v) => v ?? DEFAULT_DISPATCH_TTL_SECONDS),
  constraints: optional(z.array(z.string().max(10_000, 'at most 10000 characters')).max(100, 'at most 100 constraints')).transform(
    (v) => v ?? [],
  ),
  learnings: optional(z.array(Learning).max(1000, 'at most 1000 learnings')).transform((v) => v ?? []),
  callback_url: optional(z.string().max(2048, 'at most 2048 characters').refine(isHttpUrl, { message: 'an http:// or https:// URL' })),
  clawvisor_task_id: optional(z.string().max(200, 'at most 200 characters')),
  source_signature: optional(z.string().regex(/^(sha256=)?[0-9a-fA-F]{64}$/, 'the hex HMAC-SHA256 of the task (64 hex digits)')),
  base_branch: optional(z.string().min(1, 'a non-empty branch name').max(250, 'at most 250 characters')),
  /** Version 3: the host (config.json `hosts`) the project is on and the agent runs on; project_dir is a path there (issue 14). */
  host: optional(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a host name from config.json "hosts"')),
  priority: optional(
    z.union([z.number().int().min(-100).max(100), z.enum(Object.keys(PRIORITY_NAMES) as [keyof typeof PRIORITY_NAMES])], {
      error: 'an integer from -100 to 100, or one of low, normal, high, urgent',
    }),
  ),
});
export type Dispatch = z.output<typeof Dispatch>;
export type DispatchInput = z.input<typeof Dispatch>;

/** The fields the schema knows; everything else in a file is kept verbatim as an extra. */
export const KNOWN_DISPATCH_FIELDS: readonly string[] = Object.keys(Dispatch.shape);

export const priorityValue = (p: Dispatch['priority']): number => (p == null ? 0 : typeof p === 'number' ? p : PRIORITY_NAMES[p]);

/**
 * Values nested deeper than this are refused before anything walks the document: hashing and storing
 * it recurse, and a file of 100,000 nested arrays would overflow the stack.
 */
export const DISPATCH_MAX_DEPTH = 64;

/** The first top-level field of `doc` whose value nests deeper than `max` levels, or null. Never recurses. */
export function tooDeepField(doc: Record<string, unknown>, max = DISPATCH_MAX_DEPTH): string | null {
  for (const [field, value] of Object.entries(doc)) {
    const stack: [unknown, number][] = [[value, 2]];
    while (stack.length) {
      const [v, depth] = stack.pop()!;
      if (v === null || typeof v !== 'object') continue;
      if (depth > max) return field;
      for (const child of Object.values(v)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** Why a dispatch file was moved to rejected/. */
export const REJECTION_REASONS = [
  'invalid_json',
  'schema',
  'reused_id',
  'project_dir_missing',
  'project_dir_untrusted',
  'bad_signature',
  'callback_refused',
  'too_large',
  'not_regular_file',
] as const;
export const RejectionReason = z.enum(REJECTION_REASONS);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** One thing wrong with a file: which field, what was expected, what the file held. */
export const FieldProblem = z.object({ field: z.string(), expected: z.string(), got: z.string() });
export type FieldProblem = z.infer<typeof FieldProblem>;

/** `<dispatch>/rejected/<name>.error.json`, written before the file moves beside it. */
export const DispatchRejection = z.object({
  file: z.string(),
  /** Where the file sits now. */
  moved_to: z.string(),
  dispatch_id: z.string().nullable(),
  reason: RejectionReason,
  message: z.string(),
  errors: z.array(FieldProblem),
  rejected_at: z.string(),
});
export type DispatchRejection = z.infer<typeof DispatchRejection>;

/** Shows a value from a file the way a person reads it: short, typed, never the whole thing. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v);
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return `${typeof v} ${shown}`;
}

const valueAt = (raw: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v != null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

/** Turns schema issues into field / expected / got, reading "got" from the raw file. */
export function describeIssues(raw: unknown, error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(whole file)';
    const got = describeValue(valueAt(raw, issue.path));
    let expected = issue.message;
    if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      const isMissing = valueAt(raw, issue.path) === undefined;
      const noun = TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`;
      expected = isMissing ? `${noun} (the field is required)` : noun;
    } else if (issue.code === 'unrecognized_keys') {
      expected = `no field named ${issue.keys.join(', ')}`;
    }
    return { field, expected, got };
  });
}

/** Reads the dispatch id from anything, if it is there and well-formed (for reports on rejected files). */
export function readableDispatchId(raw: unknown): string | null {
  if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const parsed = DispatchId.safeParse((raw as Record<string, unknown>).id);
  return parsed.success ? parsed.data : null;
}
