import { z } from 'zod';
import { Transport } from './run.js';

/** One agent as `agents.list` and `switchboard agents` show it: its merged definition and whether it can run here. */
export const AgentInfo = z.object({
  name: z.string(),
  transport: Transport,
  command: z.string(),
  args: z.array(z.string()),
  /** A built-in (possibly changed by config.json) or an agent only config.json defines. */
  builtIn: z.boolean(),
  disabled: z.boolean(),
  available: z.boolean(),
  /** The executable found on PATH. */
  path: z.string().nullable(),
  /** First line of `<command> --version`, when the agent answers it. */
  version: z.string().nullable(),
  /** Why the agent cannot run, and what to do about it. */
  reason: z.string().nullable(),
  /** For an ACP agent: the PTY agent used when the ACP handshake fails. */
  ptyFallback: z.string().nullable(),
  /** Its own TUI runs in the terminal and the person types to it; Done ends it and captures the diff. */
  interactive: z.boolean().default(false),
  /** When the detection ran (detections are cached). */
  checkedAt: z.string(),
  /** The host it was detected on (issue 14; `agents.list` with `host`), null for this machine. */
  host: z.string().nullable().default(null),
});
export type AgentInfo = z.infer<typeof AgentInfo>;

/**
 * Structured run events parsed from an agent's output (`run.event` kind and data). ACP runners add
 * their own kinds; the UI shows unknown kinds raw.
 */
export const RUN_EVENT_KINDS = ['session', 'text', 'thinking', 'tool_use', 'tool_result', 'result', 'raw'] as const;

export const SessionEventData = z.object({ sessionId: z.string(), model: z.string().nullable(), cwd: z.string().nullable(), tools: z.array(z.string()) });
export const TextEventData = z.object({ text: z.string() });
export const ToolUseEventData = z.object({ id: z.string(), name: z.string(), input: z.unknown() });
export const ToolResultEventData = z.object({ toolUseId: z.string(), content: z.string(), isError: z.boolean() });
export const Usage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
});
export type Usage = z.infer<typeof Usage>;
export const ResultEventData = z.object({
  /** Claude's result subtype: success, error_max_turns, error_during_execution... */
  subtype: z.string(),
  isError: z.boolean(),
  text: z.string().nullable(),
  sessionId: z.string().nullable(),
  costUsd: z.number().nullable(),
  usage: Usage.nullable(),
  numTurns: z.number().nullable(),
  durationMs: z.number().nullable(),
  /** Tool uses the agent's permission mode refused (edits silently not made). */
  permissionDenials: z.array(z.object({ toolName: z.string(), input: z.unknown() })),
});
export type ResultEventData = z.infer<typeof ResultEventData>;
