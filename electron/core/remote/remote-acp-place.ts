/**
 * ACP agents on a host (issue 14): the agent runs with plain `ssh` stdio (no terminal; the ACP wire
 * is the ssh channel) through the host's shared connection, under the same wrapper as remote PTY runs
 * (remote-process.ts): it records pid, process group and start time on the host, enters the worktree,
 * checks the command is on the host's PATH and starts it with the environment given explicitly
 * (never SendEnv). Stopping is the remote PTY run's: EOF, then TERM and KILL to the recorded group and
 * to everything carrying the task's marker, over ssh; the local ssh client goes last. `fs/*` act on
 * the host's files (remote-acp-fs.ts) and `terminal/*` commands run on the host, each under its own
 * wrapper and pid file, so a terminal's kill or release ends its whole group there.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { agentProcess, watchChild, type AgentExit, type AgentProcess, type SpawnSpec } from '../runners/acp/agent-process.js';
import type { AcpPlace } from '../runners/acp/place.js';
import type { TerminalSpawner } from '../runners/acp/terminals.js';
import { signalGroup } from '../runners/process-group.js';
import { MARKER } from '../runners/process-control/process-control.js';
import type { RunRequest } from '../runners/runner.js';
import { createRemoteAcpFs } from './remote-acp-fs.js';
import { remoteRunFailure } from './remote-failure.js';
import { killScript, remoteEnv, runFileBase, wrapperScript } from './remote-process.js';
import { remoteSh } from './ssh-command.js';
import type { SshHost } from './ssh-host.js';

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const within = <T>(p: Promise<T>, ms: number): Promise<boolean> => Promise.race([p.then(() => true), delay(ms).then(() => false)]);

interface Wrapped {
  base: string;
  taskId: string;
  agent: string;
  definitionEnv: Record<string, string>;
}

/** `ssh host /bin/sh -c <wrapper>`, in its own local process group, carrying the task's marker like any agent here. */
function spawnWrapped(host: SshHost, w: Wrapped, spec: SpawnSpec, stdin: 'pipe' | 'ignore') {
  const script = wrapperScript({ base: w.base, cwd: spec.cwd, command: spec.command, args: spec.args, env: remoteEnv(spec.env, w.definitionEnv), host: host.name, agent: w.agent });
  return spawn('ssh', [...host.args(), remoteSh(script)], {
    detached: true,
    stdio: [stdin, 'pipe', 'pipe'],
    env: { ...process.env, SWITCHBOARD_DISPATCH_ID: w.taskId, [MARKER]: spec.env[MARKER] },
  });
}

/** The agent over ssh stdio, as an AgentProcess for the ACP session. */
export async function spawnRemoteAgent(host: SshHost, w: Wrapped, spec: SpawnSpec): Promise<AgentProcess> {
  const child = spawnWrapped(host, w, spec, 'pipe') as ChildProcessByStdio<Writable, Readable, Readable>;
  const watch = await watchChild(child);
  const { pid, exited } = watch;
  const running = (): boolean => watch.exit == null;
  let signalled = false;
  const remoteKill = (sig: 'TERM' | 'KILL') => host.exec(killScript(w.base, spec.env[MARKER] ?? null, sig), { timeoutMs: 20_000 }).catch(() => null);
  const end = async (stageMs: number, skipEof: boolean): Promise<AgentExit> => {
    if (!skipEof && running()) {
      child.stdin.end(); // ssh passes the EOF on to the agent's stdin
      await within(exited, stageMs);
    }
    if (running()) {
      signalled = true;
      await remoteKill('TERM');
      if (!(await within(exited, stageMs))) await remoteKill('KILL');
      // The host could not be reached, or the session hangs on: end the local client.
      if (!(await within(exited, 2000))) signalGroup(pid, 'SIGKILL');
    }
    const how = await exited;
    await remoteKill('KILL'); // what it left on the host (setsid children, terminals), and its pid file
    return how;
  };
  // ssh's 255 after a stop of ours is the signal we sent, not a lost connection.
  const failure = () => (watch.exit && !signalled ? remoteRunFailure(host, watch.exit.exitCode, watch.stderrTail()) : null);
  return agentProcess(child, watch, end, failure);
}

/** Terminal commands on the host, each under its own wrapper, so kill and release end its group there. */
export function remoteTerminalSpawner(host: SshHost, run: { base: string; taskId: string; agent: string }): TerminalSpawner {
  return {
    async spawn(cmd, args, { cwd, env, id }) {
      const base = `${run.base}.${id}`;
      const child = spawnWrapped(host, { base, taskId: run.taskId, agent: run.agent, definitionEnv: {} }, { command: cmd, args, cwd, env }, 'ignore') as ChildProcessByStdio<null, Readable, Readable>;
      if (child.pid == null) throw await new Promise<Error>((r) => child.once('error', r));
      const pid = child.pid;
      let gone = false;
      child.once('exit', () => (gone = true));
      const kill = (sig: 'TERM' | 'KILL') => host.exec(killScript(base, null, sig), { timeoutMs: 20_000 }).catch(() => null);
      return {
        child,
        async signal(sig) {
          await kill(sig === 'SIGTERM' ? 'TERM' : 'KILL');
          if (sig === 'SIGKILL' && !gone) setTimeout(() => !gone && signalGroup(pid, 'SIGKILL'), 2000).unref();
        },
        reap: async () => void (await kill('KILL')),
      };
    },
  };
}

/** The place of an ACP run on `host`: its pid files under the host's ~/.switchboard/runs. */
export async function remoteAcpPlace(host: SshHost, req: RunRequest): Promise<AcpPlace> {
  const base = runFileBase(await host.stateDir(), req.task.id, req.run.id);
  const w = { base, taskId: req.task.id, agent: req.agent.name, definitionEnv: req.agent.env ?? {} };
  return {
    spawn: (spec) => spawnRemoteAgent(host, w, spec),
    fs: createRemoteAcpFs(host),
    terminals: remoteTerminalSpawner(host, w),
    cwdProblem: () => null, // the wrapper checks it on the host
  };
}
