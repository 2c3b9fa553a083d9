/**
 * The PTY runner: one agent process in a pseudo-terminal (node-pty, TERM=xterm-256color, resizable,
 * cwd = the worktree). node-pty makes the child a session and process-group leader, so stopping it
 * signals `-pid` and reaches everything it started. Structured output (Claude stream-json, Codex
 * --json) is parsed into run events on the way through. A long prompt for an agent that reads stdin
 * goes there (prompt-stdin.ts), never into argv. The agent runs under a session keeper (pty-keeper.ts)
 * so its last output cannot be lost when it exits while Switchboard is busy.
 */
import { spawn as ptySpawn, type IPty } from 'node-pty';
import { buildArgs, promptProblem, promptViaStdin } from './agent-args.js';
import { classifyExit } from './classify.js';
import { findExecutable } from './find-executable.js';
import { killRunTree, signalGroup } from './process-group.js';
import { MARKER } from './process-control/process-control.js';
import { writePromptFile } from './prompt-stdin.js';
import { keeperLaunch } from './pty-keeper.js';
import { followPty, ptyInput, signalName } from './pty-stream.js';
import type { RunHandle, RunOutcome, Runner, RunRequest } from './runner.js';
import { createStructuredParser } from './structured-output.js';

export interface PtyRunnerOptions {
  /** Overrides how the command is found (tests). Default: PATH of the agent's env. */
  resolveCommand?: (command: string, env: Record<string, string>) => string | null;
}

/** What the PTY runner reads of a run request (the app runner, run-app/, has no task run to pass). */
export type PtyRunRequest = Omit<RunRequest, 'task' | 'run'>;

export function createPtyRunner(opts: PtyRunnerOptions = {}): Runner & { start(req: PtyRunRequest): Promise<RunHandle> } {
  const resolveCommand = opts.resolveCommand ?? ((command, env) => findExecutable(command, env.PATH));
  return {
    async start(req: PtyRunRequest) {
      const { agent, sink } = req;
      const file = resolveCommand(agent.command, req.env);
      if (!file) throw new Error(`\`${agent.command}\` was not found on PATH for agent ${agent.name}`);
      const tooLong = promptProblem(agent, req.prompt); // a follow-up's prompt can outgrow what dispatch checked
      if (tooLong) throw Object.assign(new Error(tooLong), { errorType: 'invalid_dispatch' });
      const args = buildArgs(agent, req.prompt, req.resumeSessionId);
      const viaStdin = promptViaStdin(agent, req.prompt);
      const windows = process.platform === 'win32'; // ConPTY: no session keeper, no /bin/sh
      if (windows && viaStdin) throw new Error(`${agent.name}'s prompt goes on stdin, which Switchboard cannot do on Windows yet`);
      const stdin = viaStdin ? writePromptFile(req.prompt) : null;
      const kept = windows ? null : keeperLaunch(file, args, stdin?.path ?? null);
      let pty: IPty;
      try {
        pty = spawnPty(kept?.file ?? file, kept?.args ?? args, req);
      } catch (err) {
        stdin?.cleanup();
        throw err;
      }
      try {
        sink.spawned(pty.pid);
      } catch (err) {
        killRunTree(pty.pid, req.env[MARKER]); // its pid could not be recorded (a full disk): it must not run untracked
        stdin?.cleanup();
        throw err;
      }
      const handle = attach(pty, req, kept?.nonce ?? null);
      if (stdin) void handle.done.then(stdin.cleanup);
      return handle;
    },
  };
}

function spawnPty(file: string, args: string[], req: PtyRunRequest): IPty {
  return ptySpawn(file, args, {
    name: 'xterm-256color',
    cols: req.cols ?? 120,
    rows: req.rows ?? 40,
    cwd: req.cwd,
    env: req.env,
    encoding: 'utf8',
  });
}

function attach(pty: IPty, req: PtyRunRequest, keeperNonce: string | null): RunHandle {
  const { agent, sink } = req;
  const pid = pty.pid;
  const parser = createStructuredParser(agent.outputFormat, { event: sink.event, sessionId: sink.sessionId });
  let exited = false;
  let killTimer: NodeJS.Timeout | null = null;
  const follow = followPty(pty, sink, parser, keeperNonce);

  const done = new Promise<RunOutcome>((resolve) => {
    pty.onExit(({ exitCode, signal }) => {
      exited = true;
      if (killTimer) clearTimeout(killTimer);
      follow.end();
      parser?.end();
      // Whatever the agent left running dies with it (invariant 2: one process tree per run): its group,
      // and whatever carries its dispatch marker in another session (setsid, daemons).
      killRunTree(pid, req.env[MARKER]);
      const sig = signal ? signalName(signal) : null;
      resolve(
        classifyExit({
          exitCode: sig ? null : exitCode,
          signal: sig,
          final: parser?.final ?? null,
          structured: parser != null,
          tail: follow.tail(),
          agentName: agent.name,
          loginHint: agent.loginHint,
        }),
      );
    });
  });

  return {
    pid,
    done,
    ...ptyInput(pty, () => exited || follow.agentDone()),
    async stop(_reason, graceMs) {
      if (!exited && !killTimer) {
        signalGroup(pid, 'SIGTERM');
        killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      }
      await done;
    },
  };
}
