/**
 * Where an ACP run happens: the agent's process, the files `fs/*` acts on and the processes
 * `terminal/*` starts. Locally that is this machine; for a task on a host (issue 14) the agent runs
 * over `ssh` stdio and files and terminals are the host's (remote/remote-acp-place.ts). The ACP
 * session itself, the confinement rules and the permission policy are the same for both.
 */
import { existsSync } from 'node:fs';
import { spawnAgent, type AgentProcess, type SpawnSpec } from './agent-process.js';
import { localFsBackend, type FsBackend } from './fs-backend.js';
import { localTerminalSpawner, type TerminalSpawner } from './terminals.js';

export interface AcpPlace {
  /** Rejects when the command cannot be started at all. */
  spawn(spec: SpawnSpec): Promise<AgentProcess>;
  fs: FsBackend;
  terminals: TerminalSpawner;
  /** A problem with the working folder known before the start (null: none, or checked at the start itself). */
  cwdProblem(cwd: string): string | null;
}

export const localPlace: AcpPlace = {
  spawn: spawnAgent,
  fs: localFsBackend,
  terminals: localTerminalSpawner,
  cwdProblem: (cwd) => (existsSync(cwd) ? null : `its working folder ${cwd} does not exist`),
};
