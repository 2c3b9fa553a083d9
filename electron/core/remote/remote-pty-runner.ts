/**
 * PTY agents on a host (issue 14): `ssh -tt <host> /bin/sh -c <wrapper>` in a local pseudo-terminal,
 * so the agent gets a real terminal on the host (resizes travel over ssh) and its output streams into
 * the store like a local run's. The local ssh client is the run's recorded process; the remote tree
 * is recorded by the wrapper and ended over ssh (remote-process.ts). A connection that drops ends the
 * run as `interrupted` with the reason, after the host's tree is killed when the host can be reached.
 */
import { homedir } from 'node:os';
import { spawn as ptySpawn } from 'node-pty';
import { buildArgs, promptProblem, promptViaStdin } from '../runners/agent-args.js';
import { classifyExit } from '../runners/classify.js';
import { signalGroup } from '../runners/process-group.js';
import type { RunHandle, RunOutcome, Runner } from '../runners/runner.js';
import { createStructuredParser } from '../runners/structured-output.js';
import { keeperLaunch } from '../runners/pty-keeper.js';
import { followPty, ptyInput, signalName } from '../runners/pty-stream.js';
import type { Hosts } from './hosts.js';
import { killScript, remoteEnv, runFileBase, wrapperScript } from './remote-process.js';
import { MARKER } from '../runners/process-control/process-control.js';
import { remoteSh, shq } from './ssh-command.js';
import { remoteRunFailure } from './remote-failure.js';
import type { SshHost } from './ssh-host.js';


export interface RemotePtyRunnerDeps {
  hosts: Hosts;
}

export function createRemotePtyRunner(deps: RemotePtyRunnerDeps): Runner {
  return {
    async start(req) {
      const { agent, sink, task } = req;
      if (!task.host) throw new Error(`task ${task.id} has no host`);
      const host = deps.hosts.get(task.host);
      const tooLong = promptProblem(agent, req.prompt);
      if (tooLong) throw Object.assign(new Error(tooLong), { errorType: 'invalid_dispatch' });
      const base = runFileBase(await host.stateDir(), task.id, req.run.id);
      let promptFile: string | null = null;
      if (promptViaStdin(agent, req.prompt)) {
        promptFile = `${base}.prompt`;
        const up = await host.exec(`umask 077 && cat > ${shq(promptFile)}`, { input: req.prompt });
        if (up.code !== 0) throw new Error(`could not write the prompt file on host ${host.name}: ${up.stderr.trim()}`);
      }
      const script = wrapperScript({
        base,
        cwd: req.cwd,
        command: agent.command,
        args: buildArgs(agent, req.prompt, req.resumeSessionId),
        env: remoteEnv(req.env, agent.env),
        host: host.name,
        agent: agent.name,
        promptFile,
      });
      // ssh runs under the session keeper, like a local agent: when ssh leads the local terminal's
      // session, its exit hangs the terminal up and loses the output Switchboard has not read yet.
      const kept = keeperLaunch('ssh', [...host.args({ tty: true }), remoteSh(script)], null);
      const pty = ptySpawn(kept.file, kept.args, {
        name: 'xterm-256color',
        cols: req.cols ?? 120,
        rows: req.rows ?? 40,
        cwd: homedir(),
        // The local ssh client carries the marker too, so local recovery finds it like any agent.
        env: { ...process.env, TERM: 'xterm-256color', SWITCHBOARD_DISPATCH_ID: task.id, [MARKER]: req.env[MARKER] } as Record<string, string>,
        encoding: 'utf8',
      });
      const remoteKill = (signal: 'TERM' | 'KILL') => host.exec(killScript(base, req.env[MARKER] ?? null, signal), { timeoutMs: 20_000 }).catch(() => null);
      try {
        sink.spawned(pty.pid);
      } catch (err) {
        signalGroup(pty.pid, 'SIGKILL');
        await remoteKill('KILL');
        throw err;
      }
      return attach(pty, host, req, remoteKill, kept.nonce);
    },
  };
}

type Pty = ReturnType<typeof ptySpawn>;

function attach(pty: Pty, host: SshHost, req: Parameters<Runner['start']>[0], remoteKill: (s: 'TERM' | 'KILL') => Promise<unknown>, keeperNonce: string): RunHandle {
  const { agent, sink } = req;
  const parser = createStructuredParser(agent.outputFormat, { event: sink.event, sessionId: sink.sessionId });
  let exited = false;
  let stopping = false;
  let killTimer: NodeJS.Timeout | null = null;

  const follow = followPty(pty, sink, parser, keeperNonce);

  const done = new Promise<RunOutcome>((resolve) => {
    pty.onExit(({ exitCode, signal }) => {
      exited = true;
      if (killTimer) clearTimeout(killTimer);
      follow.end();
      parser?.end();
      // Whatever the agent left running on the host dies with the run (and its pid file goes).
      void remoteKill('KILL').then(() => resolve(outcomeOf(host, agent.name, agent.loginHint, exitCode, signal, follow.tail(), parser?.final ?? null, parser != null, stopping)));
    });
  });

  return {
    pid: pty.pid,
    done,
    ...ptyInput(pty, () => exited || follow.agentDone()),
    async stop(_reason, graceMs) {
      if (!exited && !stopping) {
        stopping = true;
        await remoteKill('TERM');
        killTimer = setTimeout(() => {
          void remoteKill('KILL').then(() => {
            // The host could not be reached, or the session hangs on: end the local client; recovery gets the rest.
            if (!exited) setTimeout(() => !exited && signalGroup(pty.pid, 'SIGKILL'), 2000).unref();
          });
        }, graceMs);
      }
      await done;
    },
  };
}

function outcomeOf(
  host: SshHost,
  agentName: string,
  loginHint: string | undefined,
  exitCode: number,
  signal: number | undefined,
  tail: string,
  final: Parameters<typeof classifyExit>[0]['final'],
  structured: boolean,
  stopping: boolean,
): RunOutcome {
  // 255 is ssh's own failure (the wrapper turns an agent's 255 into 254).
  const failed = stopping && exitCode === 255 ? null : remoteRunFailure(host, exitCode, tail);
  if (failed) return { exitCode: failed.errorType === 'interrupted' ? null : exitCode, signal: null, ...failed, flags: [] };
  return classifyExit({ exitCode: signal ? null : exitCode, signal: signal ? signalName(signal) : null, final, structured, tail, agentName, loginHint });
}
