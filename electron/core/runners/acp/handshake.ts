/**
 * `initialize`: advertises fs and terminal per the agent's definition and checks the agent answers in
 * ACP version 1. Anything else (no answer, garbage, an error, another version) is an
 * AcpHandshakeError, except "log in first", which is the agent's answer rather than a failure.
 */
import { PROTOCOL_VERSION, type ClientConnection, type InitializeResponse } from '@agentclientprotocol/sdk';
import type { AgentProcess } from './agent-process.js';
import { AcpHandshakeError, errorText, isAuthRequired } from './errors.js';

export interface HandshakeOptions {
  agent: string;
  command: string;
  fs: boolean;
  /** Offer fs/read_text_file (only with fs). */
  fsRead: boolean;
  terminal: boolean;
  timeoutMs: number;
  clientVersion: string;
}

export type HandshakeResult = { ok: true; init: InitializeResponse } | { ok: false; authRequired: true; error: unknown };

const describeExit = (p: AgentProcess): string => {
  const tail = p.stderrTail().split('\n').slice(-5).join(' | ');
  return tail ? `; it said: ${tail}` : '';
};

export async function handshake(conn: ClientConnection, proc: AgentProcess, o: HandshakeOptions): Promise<HandshakeResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), o.timeoutMs)));
  const init = conn.agent.request('initialize', {
    protocolVersion: PROTOCOL_VERSION,
    clientCapabilities: { fs: { readTextFile: o.fs && o.fsRead, writeTextFile: o.fs }, terminal: o.terminal },
    clientInfo: { name: 'switchboard', title: 'Switchboard', version: o.clientVersion },
  });
  let answer: InitializeResponse | 'timeout';
  try {
    answer = await Promise.race([init, timeout]);
  } catch (err) {
    if (isAuthRequired(err)) return { ok: false, authRequired: true, error: err };
    // Give a dying process a moment so the message can say how it ended.
    await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 300))]);
    const how = proc.hasExited ? `${o.command} exited before answering the ACP handshake` : `${o.command} did not answer the ACP handshake properly (${errorText(err)})`;
    throw new AcpHandshakeError(o.agent, 'not_acp', `${how}${describeExit(proc)}`);
  } finally {
    clearTimeout(timer);
  }
  if (answer === 'timeout') {
    throw new AcpHandshakeError(o.agent, 'no_answer', `${o.command} did not answer the ACP handshake within ${o.timeoutMs < 1000 ? `${o.timeoutMs} ms` : `${Math.round(o.timeoutMs / 1000)} s`}${describeExit(proc)}`);
  }
  if (answer.protocolVersion !== PROTOCOL_VERSION) {
    throw new AcpHandshakeError(
      o.agent,
      'protocol_version',
      `${o.agent} speaks ACP version ${answer.protocolVersion}; Switchboard speaks version ${PROTOCOL_VERSION}. Update the agent or its ACP adapter`,
    );
  }
  return { ok: true, init: answer };
}
