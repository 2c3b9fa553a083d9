/**
 * Picks the runner for an agent's transport and starts it. Runners plug in through a map, one line
 * each. When an ACP agent fails its handshake (AcpHandshakeError), the run is flagged
 * `acp_fallback: <why>` and the agent's `ptyFallback` definition is started with the PTY runner.
 */
import type { Transport } from '../../../shared/models/run.js';
import type { ErrorType } from '../../../shared/models/task.js';
import type { AgentRegistry } from './agent-registry.js';
import type { ResolvedAgent, RunHandle, Runner, RunRequest } from './runner.js';

export type RunnerMap = Partial<Record<Transport, Runner>>;

/** A start failure with its classification, for the run's and the task's error. */
export class AgentStartError extends Error {
  constructor(
    readonly errorType: ErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'AgentStartError';
  }
}

const isHandshakeError = (err: unknown): err is Error & { flag?: string } => err instanceof Error && err.name === 'AcpHandshakeError';

export interface StartAgentDeps {
  runners: RunnerMap;
  registry: AgentRegistry;
  /** Records a fallback on the run: its note and the transport actually used. */
  onFallback(flag: string, agent: ResolvedAgent): void;
}

/** `request(agent)` builds the run request for whichever agent is started (env, args differ). */
export async function startAgent(deps: StartAgentDeps, agent: ResolvedAgent, request: (agent: ResolvedAgent) => RunRequest): Promise<{ handle: RunHandle; agent: ResolvedAgent }> {
  const fallback = async (why: string, flag: string) => {
    const name = agent.ptyFallback;
    if (!name) throw new AgentStartError('agent_unavailable', `agent ${agent.name} could not start over ACP (${why}) and has no ptyFallback`);
    const check = deps.registry.check(name);
    if (!check.ok) throw new AgentStartError('agent_unavailable', `agent ${agent.name} could not start over ACP (${why}), and its fallback: ${check.reason}`);
    const pty = deps.runners.pty;
    if (!pty || check.agent.transport !== 'pty') throw new AgentStartError('agent_unavailable', `agent ${agent.name}'s fallback ${name} is not a PTY agent`);
    deps.onFallback(flag, check.agent);
    return { handle: await pty.start(request(check.agent)), agent: check.agent };
  };

  const runner = deps.runners[agent.transport];
  if (!runner) {
    if (agent.transport === 'acp') return fallback('this build has no ACP runner', 'acp_fallback: this build has no ACP runner');
    throw new AgentStartError('agent_unavailable', `no runner for transport ${agent.transport} (agent ${agent.name})`);
  }
  try {
    return { handle: await runner.start(request(agent)), agent };
  } catch (err) {
    if (agent.transport === 'acp' && isHandshakeError(err)) return fallback(err.message, err.flag ?? `acp_fallback: ${err.message}`);
    if (err instanceof AgentStartError) throw err;
    const typed = (err as { errorType?: unknown }).errorType;
    if (typeof typed === 'string') throw new AgentStartError(typed as ErrorType, `agent ${agent.name} could not be started: ${(err as Error).message}`);
    throw new AgentStartError('crashed', `agent ${agent.name} could not be started: ${(err as Error).message}`);
  }
}
