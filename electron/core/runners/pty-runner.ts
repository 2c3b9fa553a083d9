/**
 * The PTY runner: one agent process in a pseudo-terminal (node-pty, TERM=xterm-256color, resizable,
 * cwd = the worktree). node-pty makes the child a session and process-group leader, so stopping it
 * signals `-pid` and reaches everything it started. Structured output (Claude stream-json, Codex
 * --json) is parsed into run events on the way through. A long prompt for an agent that reads stdin
 * goes there (prompt-stdin.ts), never into argv.
 */
import { closeSync } from 'node:fs';
import { spawn as ptySpawn, type IPty } from 'node-pty';
import { buildArgs, promptProblem, promptViaStdin } from './agent-args.js';
import { classifyExit } from './classify.js';
import { findExecutable } from './find-executable.js';
import { killRunTree, signalGroup } from './process-group.js';
import { launchWithStdin } from './prompt-stdin.js';
import { holdSlave, onAgentExit } from './pty-slave.js';
import type { RunHandle, RunOutcome, Runner, RunRequest } from './runner.js';
import { createStructuredParser } from './structured-output.js';

const TAIL_CHARS = 4096;
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

function attach(pty: IPty, req: RunRequest, slaveFd: number | null): RunHandle {
  const { agent, sink } = req;
  const pid = pty.pid;
  const parser = createStructuredParser(agent.outputFormat, { event: sink.event, sessionId: sink.sessionId });
  let tail = '';
  let exited = false;
  let killTimer: NodeJS.Timeout | null = null;
  let agentGone = false;
  let quietTimer: NodeJS.Timeout | null = null;

  // Once the agent has exited and nothing arrived for QUIET_MS, everything queued has been read:
  // letting go of the slave lets the read end now instead of after node-pty's 200 ms timeout.
  // Event-driven: the exit arms the timer, and each chunk read after the exit re-arms it.
  const releaseSlave = (): void => {
    if (quietTimer) clearTimeout(quietTimer);
    quietTimer = null;
    stopListening();
    if (slaveFd != null) closeSync(slaveFd);
    slaveFd = null;
  };
  let readAfterExit = 0;
  const releaseWhenQuiet = (): void => {
    if (slaveFd == null) return;
    if (quietTimer) clearTimeout(quietTimer);
    quietTimer = setTimeout(() => {
      // Timers run before the loop polls for I/O: on a loaded machine the timer can fire while output
      // is still waiting to be read. setImmediate runs after the next poll, so release only when that
      // poll read nothing (a chunk it read has re-armed the timer).
      const seen = readAfterExit;
      setImmediate(() => seen === readAfterExit && releaseSlave());
    }, QUIET_MS);
  };
  const stopListening =
    slaveFd == null
      ? () => {}
      : onAgentExit(pty, pid, () => {
          agentGone = true;
          releaseWhenQuiet();
        });

  pty.onData((data) => {
    if (agentGone) {
      readAfterExit++;
      releaseWhenQuiet();
    }
    sink.output(data);
    parser?.push(data);
    tail = tail.length + data.length > TAIL_CHARS * 2 ? (tail + data).slice(-TAIL_CHARS) : tail + data;
  });

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
          tail,
          agentName: agent.name,
          loginHint: agent.loginHint,
        }),
      );
    });
  });

  return {
    pid,
    done,
    write(data) {
      if (!exited) pty.write(data);
    },
    resize(cols, rows) {
      if (!exited) pty.resize(Math.max(2, Math.floor(cols)), Math.max(1, Math.floor(rows)));
    },
    async stop(_reason, graceMs) {
      if (!exited && !killTimer) {
        signalGroup(pid, 'SIGTERM');
        killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      }
      await done;
    },
  };
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM' };
const signalName = (n: number): string => SIGNALS[n] ?? `signal ${n}`;
