/**
 * How a run over ssh ended when it was not the agent's doing (issue 14): ssh's own exit 255 (the
 * wrapper turns an agent's 255 into 254) is a lost connection (the run is `interrupted`) or a login
 * problem, and the wrapper's 127/126 with its message is the agent or the worktree missing on the host.
 * Used by the PTY and the ACP runs on hosts.
 */
import type { ErrorType } from '../../../shared/models/task.js';
import { describeSshFailure, sshFailureKind } from './ssh-errors.js';
import type { SshHost } from './ssh-host.js';

export function remoteRunFailure(host: Pick<SshHost, 'name' | 'config'>, exitCode: number | null, tail: string): { errorType: ErrorType; error: string } | null {
  const clean = tail.replace(/\r/g, '');
  if (exitCode === 255) {
    const kind = sshFailureKind(clean, 255) ?? 'connection_lost';
    const said = describeSshFailure(host.name, host.config.ssh, kind, clean);
    if (kind === 'connection_lost') {
      return { errorType: 'interrupted', error: `${said}. The run was interrupted; its agent on the host was stopped (or is stopped at the next start) and the task runs again` };
    }
    return { errorType: 'agent_unavailable', error: said };
  }
  const missing = /switchboard: (agent .* was not found on host .*|cannot enter the worktree .*)/.exec(clean);
  if (missing && (exitCode === 127 || exitCode === 126)) return { errorType: 'agent_unavailable', error: missing[1].trim() };
  return null;
}
