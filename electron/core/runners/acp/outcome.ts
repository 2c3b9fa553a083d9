/** Turns how a prompt turn ended (stopReason, error, stop request, process exit) into a RunOutcome. */
import type { RunOutcome } from '../runner.js';
import type { AgentExit } from './agent-process.js';
import { authMessage, classifyAgentError, errorText, isAuthRequired, stopReasonError } from './errors.js';

export type TurnResult = { stopReason: string } | { error: unknown };

export interface OutcomeInput {
  result: TurnResult;
  stopping: 'cancel' | 'timeout' | 'shutdown' | null;
  agent: string;
  loginHint?: string;
  exit: AgentExit;
  stderr: string;
}

const STOPPED = {
  cancel: { errorType: 'cancelled', error: 'cancelled' },
  timeout: { errorType: 'timeout', error: 'the task ran past its time limit (TTL) and was stopped' },
  shutdown: { errorType: 'interrupted', error: 'Switchboard shut down while the agent was running' },
} as const;

export function turnOutcome(o: OutcomeInput): Omit<RunOutcome, 'flags'> {
  const base = { exitCode: o.exit.exitCode, signal: o.exit.signal };
  if (o.stopping) return { ...base, ...STOPPED[o.stopping] };
  if ('stopReason' in o.result) {
    const e = stopReasonError(o.result.stopReason, o.agent);
    return { ...base, errorType: e?.errorType ?? null, error: e?.error ?? null };
  }
  const err = o.result.error;
  if (isAuthRequired(err)) return { ...base, errorType: 'auth', error: authMessage(o.agent, o.loginHint) };
  const rpc = typeof (err as { code?: unknown })?.code === 'number';
  if (!rpc) {
    const how = o.exit.signal ? `was killed by ${o.exit.signal}` : `exited with code ${o.exit.exitCode}`;
    const said = o.stderr ? `; its last words: ${o.stderr.split('\n').slice(-5).join(' | ')}` : '';
    return { ...base, errorType: 'crashed', error: `${o.agent} ${how} before finishing the turn${said}` };
  }
  const message = errorText(err);
  const errorType = classifyAgentError(message);
  return { ...base, errorType, error: errorType === 'auth' ? `${authMessage(o.agent, o.loginHint)} (${message})` : `${o.agent} failed: ${message}` };
}
