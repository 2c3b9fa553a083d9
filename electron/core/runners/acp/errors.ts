/** How an ACP session can fail, in words a person can act on. */
import type { ErrorType } from '../../../../shared/models/task.js';

export type HandshakeFailure = 'spawn_failed' | 'not_acp' | 'protocol_version' | 'no_answer';

/**
 * The agent could not be started as an ACP agent: the command is missing, it does not speak ACP, or
 * it speaks another protocol version. Thrown by start() before the run counts as started; the
 * scheduler then falls back to the agent's PTY definition and records `flag` on the run.
 */
export class AcpHandshakeError extends Error {
  constructor(
    readonly agent: string,
    readonly reason: HandshakeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AcpHandshakeError';
  }

  /** The note to record on the run, e.g. "acp_fallback: not_acp: ...". */
  get flag(): string {
    return `acp_fallback: ${this.reason}: ${this.message}`;
  }
}

/** The JSON-RPC error code ACP uses for "log in first". */
export const AUTH_REQUIRED = -32000;

const rpcCode = (err: unknown): number | undefined => {
  const c = (err as { code?: unknown })?.code;
  return typeof c === 'number' ? c : undefined;
};

/**
 * The readable part of a JSON-RPC error's `data`: the ACP SDK answers an agent's uncaught exception
 * with "Internal error" and puts the exception's message in `data.details`. Only short strings are
 * taken, never the whole object (error data can carry an MCP server's env or headers).
 */
const rpcDetails = (err: unknown): string | null => {
  const data = (err as { data?: unknown } | null)?.data;
  if (typeof data === 'string') return data.slice(0, 500);
  const o = data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
  const text = o && (typeof o.details === 'string' ? o.details : typeof o.message === 'string' ? o.message : null);
  return text ? text.slice(0, 500) : null;
};

export const errorText = (err: unknown): string => {
  let base: string;
  if (err instanceof Error) base = err.message;
  else if (err && typeof err === 'object' && 'message' in err) base = String((err as { message: unknown }).message);
  else base = String(err);
  const details = rpcDetails(err);
  return details && !base.includes(details) ? `${base} (${details})` : base;
};

export const isAuthRequired = (err: unknown): boolean => rpcCode(err) === AUTH_REQUIRED;

export const authMessage = (agent: string, loginHint: string | undefined): string =>
  `log in to ${agent}: ${loginHint ?? `run ${agent}'s login command in a terminal, then retry the task`}`;

/** Sorts an agent's error into an ErrorType the scheduler's retry rules understand. */
export function classifyAgentError(message: string): ErrorType {
  const m = message.toLowerCase();
  if (/rate.?limit|too many requests|\b429\b|quota/.test(m)) return 'rate_limit';
  if (/overloaded|\b529\b|\b503\b|capacity/.test(m)) return 'overloaded';
  if (/context (window|length)|too long|prompt is too long|max(imum)? context/.test(m)) return 'context_overflow';
  if (/unauthori[sz]ed|authentication|not logged in|log ?in|api key|\b401\b/.test(m)) return 'auth';
  return 'agent_error';
}

/** The outcome of a prompt turn that ended with a stopReason. */
export function stopReasonError(stopReason: string, agent: string): { errorType: ErrorType; error: string } | null {
  switch (stopReason) {
    case 'end_turn':
      return null;
    case 'cancelled':
      return { errorType: 'cancelled', error: `${agent} stopped: the turn was cancelled` };
    case 'max_tokens':
      return { errorType: 'context_overflow', error: `${agent} stopped at its token limit (max_tokens); split the task or start a fresh one` };
    case 'max_turn_requests':
      return { errorType: 'agent_error', error: `${agent} stopped after its maximum number of model requests in one turn; retry or split the task` };
    case 'refusal':
      return { errorType: 'agent_error', error: `${agent} refused the task; rephrase the prompt` };
    default:
      return { errorType: 'agent_error', error: `${agent} stopped with an unknown reason "${stopReason}"` };
  }
}
