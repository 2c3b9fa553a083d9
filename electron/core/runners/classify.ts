/**
 * Error classification (issue #4): from the real exit code or signal, from the agent's own account
 * (Claude's `result` event and its error subtypes) and, failing that, from the tail of its output.
 */
import type { ErrorType } from '../../../shared/models/task.js';
import type { RunOutcome } from './runner.js';
import type { AgentFinal } from './json-lines.js';
import { lastMeaningfulLine, terminalText } from './terminal-text.js';

const PATTERNS: [ErrorType, RegExp][] = [
  ['rate_limit', /\b429\b|rate[ _-]?limit|usage limit|limit reached|hit your (usage )?limit|exhausted your capacity|too many requests|quota exceeded|resource[ _]exhausted/i],
  ['overloaded', /\b529\b|overloaded|\b503\b|service unavailable|capacity/i],
  ['context_overflow', /prompt is too long|context (length|window)|maximum context|context_length_exceeded|too many tokens|input length .* exceed/i],
  ['auth', /\b401\b|invalid api key|authentication|unauthori[sz]ed|not logged in|please run \/login|oauth token|credit balance is too low|\blogin\b.*required/i],
  ['permission_denied', /permission denied|\b403\b|forbidden/i],
];

/** The error type a piece of agent text describes, if any. */
export function classifyText(text: string | null | undefined): ErrorType | null {
  if (!text) return null;
  for (const [type, re] of PATTERNS) if (re.test(text)) return type;
  return null;
}

export interface ExitFacts {
  exitCode: number | null;
  signal: string | null;
  /** The agent's structured account of the end, when its format has one. */
  final: AgentFinal | null;
  /** Whether the agent's format normally ends with such an account. */
  structured: boolean;
  /** The last few KB of its terminal output, for text agents and crashes. */
  tail: string;
  agentName: string;
  loginHint?: string;
}

const firstLine = (s: string): string => s.trim().split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? '';

export function classifyExit(f: ExitFacts): RunOutcome {
  const base = { exitCode: f.exitCode, signal: f.signal, flags: [] as string[] };
  const denied = f.final?.permissionDenials ?? 0;
  if (denied) base.flags.push(`permission_denials: ${denied} tool use${denied === 1 ? ' was' : 's were'} denied by the agent's permission mode`);

  if (f.final?.isError) {
    const text = f.final.text ?? f.final.subtype;
    const type = f.final.subtype === 'error_max_turns' ? 'agent_error' : (classifyText(text) ?? 'agent_error');
    // Claude marks an auth, rate-limit or context failure as subtype "success" with is_error set:
    // "reported success" would read as the opposite of what happened.
    const how = f.final.subtype && f.final.subtype !== 'success' ? `reported ${f.final.subtype}` : 'failed';
    return { ...base, errorType: type, error: withHint(`${f.agentName} ${how}: ${firstLine(text)}`, type, f) };
  }
  if (f.final && !f.final.isError && (f.exitCode === 0 || f.exitCode == null) && !f.signal) return { ...base, errorType: null, error: null };

  if (f.signal) return { ...base, errorType: 'crashed', error: `${f.agentName} was killed by ${f.signal}` };
  if (f.exitCode === 0) {
    if (f.structured && !f.final) return { ...base, errorType: 'crashed', error: `${f.agentName} exited without reporting a result` };
    return { ...base, errorType: null, error: null };
  }
  const tail = terminalText(f.tail);
  const type = classifyText(tail);
  const last = lastMeaningfulLine(f.tail);
  if (type) return { ...base, errorType: type, error: withHint(`${f.agentName} exited with code ${f.exitCode}: ${last}`, type, f) };
  if (f.exitCode != null && f.exitCode >= 128) return { ...base, errorType: 'crashed', error: `${f.agentName} crashed (exit code ${f.exitCode})${last ? `: ${last}` : ''}` };
  return {
    ...base,
    errorType: f.structured ? 'crashed' : 'agent_error',
    error: `${f.agentName} exited with code ${f.exitCode}${last ? `: ${last}` : ''}`,
  };
}

function withHint(message: string, type: ErrorType, f: ExitFacts): string {
  if (type === 'auth') return `${message}. ${f.loginHint ?? `Log in to ${f.agentName} in a terminal`}, then retry the task.`;
  if (type === 'context_overflow') return `${message}. Split the task into smaller ones and retry.`;
  return message;
}
