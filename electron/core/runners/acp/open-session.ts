/**
 * Opens the ACP session for a run: `session/new` with cwd = the worktree, or, for a follow-up, the
 * previous session through `session/resume` (or `session/load`) when the agent supports it.
 */
import type { ClientConnection, InitializeResponse, NewSessionResponse } from '@agentclientprotocol/sdk';
import { errorText } from './errors.js';

export interface OpenedSession {
  sessionId: string;
  how: 'new' | 'resume' | 'load';
  response: Partial<NewSessionResponse>;
  flags: string[];
}

export interface OpenOptions {
  cwd: string;
  resumeSessionId?: string | null;
  /** Called around session/load, whose replayed history must not be stored again. */
  replaying(on: boolean): void;
  /** session/load not before this time (epoch ms; the agent's loadInLaterMinute quirk); `waiting` is told how long. */
  loadNotBefore?: number;
  waiting?(ms: number): void;
}

/** The start of the wall-clock minute after `t` (epoch ms), plus a second against clock jitter. */
export const nextMinute = (t: number): number => (Math.floor(t / 60_000) + 1) * 60_000 + 1000;

export async function openSession(conn: ClientConnection, init: InitializeResponse, o: OpenOptions): Promise<OpenedSession> {
  const flags: string[] = [];
  const caps = init.agentCapabilities;
  const prev = o.resumeSessionId;
  if (prev) {
    try {
      if (caps?.sessionCapabilities?.resume) {
        const response = await conn.agent.request('session/resume', { sessionId: prev, cwd: o.cwd, mcpServers: [] });
        return { sessionId: prev, how: 'resume', response, flags };
      }
      if (caps?.loadSession) {
        const wait = (o.loadNotBefore ?? 0) - Date.now();
        if (wait > 0) {
          o.waiting?.(wait);
          await new Promise((r) => setTimeout(r, wait));
        }
        o.replaying(true);
        try {
          const response = await conn.agent.request('session/load', { sessionId: prev, cwd: o.cwd, mcpServers: [] });
          return { sessionId: prev, how: 'load', response, flags };
        } finally {
          o.replaying(false);
        }
      }
      flags.push('acp_resume_unsupported: the agent cannot resume sessions; started a new one');
    } catch (err) {
      flags.push(`acp_resume_failed: ${errorText(err)}; started a new session`);
    }
  }
  const response = await conn.agent.request('session/new', { cwd: o.cwd, mcpServers: [] });
  return { sessionId: response.sessionId, how: 'new', response, flags };
}
