/**
 * switchboard.json on a host (issue 14 with issue 16): the file is read from the host's worktree,
 * and setup and teardown run there over ssh, each under the remote wrapper with its own pid file
 * (`<task>.<run>.setup`, `<task>.teardown.teardown`) like an ACP terminal: a time limit or a cancel
 * signals its whole group on the host; the dispatch marker in its environment lets start-up recovery
 * find what a crash left running.
 */
import type { ShellPlace } from '../provision/shell-step.js';
import { remoteTerminalSpawner } from './remote-acp-place.js';
import { runFileBase } from './remote-process.js';
import type { SshHost } from './ssh-host.js';

export function remoteShellPlace(host: SshHost): ShellPlace {
  return {
    host: host.name,
    fs: host.fs,
    spawner: async (taskId, runId) => remoteTerminalSpawner(host, { base: runFileBase(await host.stateDir(), taskId, runId ?? 'teardown'), taskId, agent: 'switchboard.json' }),
  };
}
