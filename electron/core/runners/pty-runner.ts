/**
 * The PTY runner: one agent process in a pseudo-terminal (node-pty, TERM=xterm-256color, resizable,
 * cwd = the worktree). node-pty makes the child a session and process-group leader, so stopping it
 * signals `-pid` and reaches everything it started. Structured output (Claude stream-json, Codex
 * --json) is parsed into run events on the way through. A long prompt for an agent that reads stdin
 * goes there (prompt-stdin.ts), never into argv.
 */
import { closeSync, constants, openSync } from 'node:fs';
import { spawn as ptySpawn, type IPty } from 'node-pty';
import { buildArgs, promptProblem, promptViaStdin } from './agent-args.js';
import { classifyExit } from './classify.js';
import { findExecutable } from './find-executable.js';
import { killRunTree, signalGroup } from './process-group.js';
import { launchWithStdin } from './prompt-stdin.js';
import type { RunHandle, RunOutcome, Runner, RunRequest } from './runner.js';
import { createStructuredParser } from './structured-output.js';
import { followPty, ptyInput } from './pty-stream.js';

const QUIET_MS = 40;

export interface PtyRunnerOptions {
  /** Overrides how the command is found (tests). Default: PATH of the agent's env. */
  resolveCommand?: (command: string, env: Record<string, string>) => string | null;
}

export function createPtyRunner(opts: PtyRunnerOptions = {}): Runner {
  const resolveCommand = opts.resolveCommand ?? ((command, env) => findExecutable(command, env.PATH));
  return {
    async start(req) {
      const { agent, sink } = req;
      const file = resolveCommand(agent.command, req.env);
      if (!file) throw new Error(`\`${agent.command}\` was not found on PATH for agent ${agent.name}`);
      const tooLong = promptProblem(agent, req.prompt); // a follow-up's prompt can outgrow what dispatch checked
      if (tooLong) throw Object.assign(new Error(tooLong), { errorType: 'invalid_dispatch' });
      const args = buildArgs(agent, req.prompt, req.resumeSessionId);
      const stdin = promptViaStdin(agent, req.prompt) ? launchWithStdin(file, args, req.prompt) : null;
      let pty: IPty;
      try {
        pty = spawnPty(stdin?.file ?? file, stdin?.args ?? args, req);
      } catch (err) {
        stdin?.cleanup();
        throw err;
      }
      try {
        sink.spawned(pty.pid);
      } catch (err) {
        killRunTree(pty.pid, req.env.SWITCHBOARD_DISPATCH_ID); // its pid could not be recorded (a full disk): it must not run untracked
        stdin?.cleanup();
        throw err;
      }
      const handle = attach(pty, req, holdSlave(pty));
      if (stdin) void handle.done.then(stdin.cleanup);
      return handle;
    },
  };
}

function spawnPty(file: string, args: string[], req: RunRequest): IPty {
  return ptySpawn(file, args, {
    name: 'xterm-256color',
    cols: req.cols ?? 120,
    rows: req.rows ?? 40,
    cwd: req.cwd,
    env: req.env,
    encoding: 'utf8',
  });
}

/**
 * Opens the terminal's slave side ourselves so it stays open after the agent exits. Without this,
 * Linux may answer the master's next read with EIO while the agent's last output is still queued,
 * and node-pty drops it: the tail of a run (Claude's `result` line) would be lost. The slave is
 * released once the agent is gone and its output has gone quiet (see releaseSlave in attach).
 */
function holdSlave(pty: IPty): number | null {
  const path = (pty as unknown as { _pty?: string })._pty;
  if (!path) return null;
  try {
    return openSync(path, constants.O_RDWR | constants.O_NOCTTY);
  } catch {
    return null;
  }
}

function attach(pty: IPty, req: RunRequest, slaveFd: number | null): RunHandle {
  const { agent, sink } = req;
  const pid = pty.pid;
  const parser = createStructuredParser(agent.outputFormat, { event: sink.event, sessionId: sink.sessionId });
  let exited = false;
  let killTimer: NodeJS.Timeout | null = null;
  let lastData = Date.now();

  // Once the agent has exited and nothing arrived for QUIET_MS, everything queued has been read:
  // letting go of the slave lets the read end now instead of after node-pty's 200 ms timeout.
  const slaveWatch =
    slaveFd == null ? null : setInterval(() => Date.now() - lastData >= QUIET_MS && !processExists(pid) && releaseSlave(), QUIET_MS / 2);
  const releaseSlave = (): void => {
    if (slaveWatch) clearInterval(slaveWatch);
    if (slaveFd != null) closeSync(slaveFd);
    slaveFd = null;
  };

  const tail = followPty(pty, sink, parser, () => (lastData = Date.now()));

  const done = new Promise<RunOutcome>((resolve) => {
    pty.onExit(({ exitCode, signal }) => {
      exited = true;
      if (killTimer) clearTimeout(killTimer);
      releaseSlave();
      parser?.end();
      // Whatever the agent left running dies with it (invariant 2: one process tree per run): its group,
      // and whatever carries its dispatch marker in another session (setsid, daemons).
      killRunTree(pid, req.env.SWITCHBOARD_DISPATCH_ID);
      const sig = signal ? signalName(signal) : null;
      resolve(
        classifyExit({
          exitCode: sig ? null : exitCode,
          signal: sig,
          final: parser?.final ?? null,
          structured: parser != null,
          tail: tail(),
          agentName: agent.name,
          loginHint: agent.loginHint,
        }),
      );
    });
  });

  return {
    pid,
    done,
    ...ptyInput(pty, () => exited),
    async stop(_reason, graceMs) {
      if (!exited && !killTimer) {
        signalGroup(pid, 'SIGTERM');
        killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      }
      await done;
    },
  };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM' };
const signalName = (n: number): string => SIGNALS[n] ?? `signal ${n}`;
