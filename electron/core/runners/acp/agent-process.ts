/**
 * An ACP agent's process: spawned as the leader of its own process group (some agents ignore EOF or
 * leave children behind, so every signal goes to the whole group), with a bounded stderr tail for
 * error messages, and the end sequence of issue #5: close stdin, wait, SIGTERM, wait, SIGKILL.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ErrorType } from '../../../../shared/models/task.js';
import { groupMembers, killMarked, signalGroup } from '../process-group.js';
import { MARKER } from '../process-control/process-control.js';
import { createTailBuffer } from './tail-buffer.js';

export interface AgentExit {
  exitCode: number | null;
  signal: string | null;
}

export interface AgentProcess {
  readonly pid: number;
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Settles when the leader has exited. */
  readonly exited: Promise<AgentExit>;
  readonly hasExited: boolean;
  /** The last few KB the agent wrote to stderr. */
  stderrTail(): string;
  /**
   * Ends the agent: EOF on stdin, then SIGTERM, then SIGKILL to the group, waiting `stageMs` between
   * steps; `skipEof` starts at SIGTERM. Resolves once the leader and its group are gone. Idempotent.
   */
  terminate(stageMs: number, skipEof?: boolean): Promise<AgentExit>;
  /**
   * After the exit: a failure of the transport rather than of the agent (a host's connection lost,
   * the agent missing on the host), which decides the run's outcome instead. Local agents have none.
   */
  failure?(): { errorType: ErrorType; error: string } | null;
}

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const within = <T>(p: Promise<T>, ms: number): Promise<boolean> => Promise.race([p.then(() => true), delay(ms).then(() => false)]);

type AgentChild = ChildProcessByStdio<Writable, Readable, Readable>;

/** What every agent process keeps track of, wherever it runs: its exit and the tail of its stderr. */
export interface ChildWatch {
  pid: number;
  exited: Promise<AgentExit>;
  readonly exit: AgentExit | null;
  stderrTail(): string;
}

/** Watches a spawned agent child; rejects (with the OS's reason) when it could not be started at all. */
export async function watchChild(child: AgentChild): Promise<ChildWatch> {
  if (child.pid == null) throw await new Promise<Error>((resolve) => child.once('error', resolve));
  child.on('error', () => {});
  child.stdin.on('error', () => {}); // EPIPE once the agent is gone: the exit tells the story
  const stderr = createTailBuffer(8 * 1024);
  child.stderr.on('data', (d: Buffer) => stderr.push(d));
  let exit: AgentExit | null = null;
  const exited = new Promise<AgentExit>((resolve) => child.once('exit', (exitCode, signal) => resolve((exit = { exitCode, signal }))));
  return {
    pid: child.pid,
    exited,
    get exit() {
      return exit;
    },
    stderrTail: () => stderr.text().trim(),
  };
}

/** The AgentProcess of a watched child, with `end` run at most once however often terminate() is called. */
export function agentProcess(
  child: AgentChild,
  w: ChildWatch,
  end: (stageMs: number, skipEof: boolean) => Promise<AgentExit>,
  failure?: AgentProcess['failure'],
): AgentProcess {
  let ending: Promise<AgentExit> | null = null;
  return {
    pid: w.pid,
    child,
    exited: w.exited,
    get hasExited() {
      return w.exit != null;
    },
    stderrTail: w.stderrTail,
    terminate(stageMs, skipEof = false) {
      ending ??= end(stageMs, skipEof);
      return ending;
    },
    failure,
  };
}

/** Spawns the agent. Rejects (with the OS's reason) when the command cannot be started at all. */
export async function spawnAgent(spec: SpawnSpec): Promise<AgentProcess> {
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const w = await watchChild(child);
  const { pid, exited } = w;
  const hasExited = (): boolean => w.exit != null;

  // Every process of the group that still holds the agent's stdout or stderr keeps the pipes open,
  // so 'close' (all of the child's stdio closed) is the event that the group has let go of them.
  const stdioClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  /**
   * Whether the group is empty, after waiting up to `ms` for its stdio to close. Members that let go
   * of the pipes (a daemon on /dev/null) are not waited for: they are found by the one look that
   * follows, and signalled.
   */
  const groupGone = async (ms: number): Promise<boolean> => {
    if (ms > 0) await within(stdioClosed, ms);
    return !groupMembers(pid).length;
  };
  const end = async (stageMs: number, skipEof: boolean): Promise<AgentExit> => {
    if (!skipEof && !hasExited()) {
      child.stdin.end();
      await within(exited, stageMs);
    }
    // The leader may be gone while children it started are still in the group.
    if (!hasExited() || !(await groupGone(0))) {
      signalGroup(pid, 'SIGTERM');
      await within(exited, stageMs);
      if (!hasExited() || !(await groupGone(Math.min(stageMs, 200)))) signalGroup(pid, 'SIGKILL');
    }
    const exit = await exited;
    await groupGone(2000);
    killMarked(spec.env[MARKER]); // children that left the group (setsid, daemons)
    return exit;
  };

  return agentProcess(child, w, end);
}
