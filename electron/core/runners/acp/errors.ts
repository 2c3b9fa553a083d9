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

export const errorText = (err: unknown): string => {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
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
