/**
 * The ACP runner (issue #5): runs an agent that speaks the Agent Client Protocol (v1, through
 * @agentclientprotocol/sdk's `client()` API) as a structured session instead of a raw terminal.
 *
 * Run events it emits through `sink.event` (all stored raw, so the transcript replays after a restart):
 *   acp.initialize   the agent's info and capabilities        acp.session   sessionId, how (new/resume/load), modes
 *   acp.<update>     every session/update, e.g. acp.agent_message_chunk, acp.agent_thought_chunk,
 *                    acp.tool_call, acp.tool_call_update (diff content), acp.plan, acp.current_mode_update,
 *                    acp.usage_update; acp.unknown for a malformed one
 *   acp.permission   a permission request and its decision     acp.fs_write / acp.fs_refused   file access
 *   acp.terminal     a terminal started / exited               acp.stop   the PromptResponse   acp.error
 * Terminal output goes to `sink.output`, like a PTY run's.
 *
 * A command that cannot be started or does not answer the handshake in ACP v1 makes start() throw
 * AcpHandshakeError (kill done, nothing left running); the scheduler falls back to the agent's
 * `ptyFallback` definition and records `err.flag` on the run.
 */
import type { Clock } from '../clock.js';
import type { PermissionService } from '../permissions/permission-service.js';
import type { AuditRepo } from '../store/audit-repo.js';
import type { AcpPlace } from './acp/place.js';
import type { RunHandle, Runner, RunRequest } from './runner.js';

export { AcpHandshakeError } from './acp/errors.js';

export interface AcpRunnerDeps {
  permissions: PermissionService;
  /** store.audit: refused file access is audited. */
  audit: AuditRepo;
  clock: Clock;
  /** How long an agent may take to answer `initialize` (default 30 s: some adapters start slowly). */
  handshakeTimeoutMs?: number;
  /** Sent as clientInfo.version. */
  clientVersion?: string;
  /** Where a run happens (default: this machine); a task on a host gets the host's place (issue 14). */
  placeFor?(req: RunRequest): Promise<AcpPlace | null>;
}

export interface AcpRunner extends Runner {
  /** Stops every live session (shutdown) and waits for their processes to be gone. */
  dispose(): Promise<void>;
}

export function createAcpRunner(deps: AcpRunnerDeps): AcpRunner {
  const live = new Set<RunHandle>();
  let disposed = false;
  const opts = { ...deps, handshakeTimeoutMs: deps.handshakeTimeoutMs ?? 30_000, clientVersion: deps.clientVersion ?? '0.0.0' };
  return {
    async start(req) {
      // The ACP SDK (and its schemas) is loaded with the first ACP run, not at start-up: an idle daemon stays small.
      const { startAcpSession } = await import('./acp/acp-session.js');
      const place = (await deps.placeFor?.(req)) ?? undefined;
      const handle = await startAcpSession(req, opts, place);
      live.add(handle);
      void handle.done.then(() => live.delete(handle));
      // Disposed while this one was still shaking hands: it must not outlive the runner.
      if (disposed) void handle.stop('shutdown', 0);
      return handle;
    },
    async dispose() {
      disposed = true;
      await Promise.all([...live].map((h) => h.stop('shutdown', 2000)));
    },
  };
}
