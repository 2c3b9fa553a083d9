/**
 * Runs one of switchboard.json's shell commands (setup, teardown) in a worktree: `/bin/sh -c`, in
 * its own process group (a time limit or a cancel kills everything it started), output handed on as
 * it comes and its last lines kept (bounded) for the error message. Where it runs is a ShellPlace:
 * this machine, or a host (remote/remote-shell-place.ts), where the group is recorded and signalled
 * over ssh like an agent's.
 */
import { localFs, type HostFs } from '../git/host-fs.js';
import { createTailBuffer } from '../runners/acp/tail-buffer.js';
import { localTerminalSpawner, type TermProcess, type TerminalSpawner } from '../runners/acp/terminals.js';

/** Where a task's switchboard.json is read and its shell commands run. */
export interface ShellPlace {
  /** The host's name, null for this machine (named in messages). */
  host: string | null;
  /** That machine's files. */
  fs: HostFs;
  /** Starts the commands there; on a host the task and run (null: outside a run, teardown) name the pid files. */
  spawner(taskId: string, runId: number | null): Promise<TerminalSpawner>;
}

export const localShellPlace: ShellPlace = { host: null, fs: localFs, spawner: async () => localTerminalSpawner };

export interface ShellStepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The last lines of output (stdout and stderr together). */
  tail: string;
}

export interface ShellStep {
  /** The shell's pid (on a host: the local ssh client's) and its process group's id, or null when it could not be started. */
  readonly pid: number | null;
  readonly done: Promise<ShellStepResult>;
  /** SIGTERM to the group, SIGKILL after a grace period. */
  stop(): void;
}

export interface ShellStepOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  onOutput?: (data: string) => void;
  /** Where it runs (default: this machine). */
  spawner?: TerminalSpawner;
  /** Which step (setup, teardown): names its pid file on a host. */
  id?: string;
}

export async function runShellStep(opts: ShellStepOptions): Promise<ShellStep> {
  let proc: TermProcess;
  try {
    proc = await (opts.spawner ?? localTerminalSpawner).spawn('/bin/sh', ['-c', opts.command], { cwd: opts.cwd, env: opts.env, id: opts.id ?? 'step' });
  } catch (err) {
    return { pid: null, done: Promise.resolve({ code: null, signal: null, timedOut: false, tail: (err as Error).message }), stop: () => {} };
  }
  const { child } = proc;
  const tail = createTailBuffer(8 * 1024);
  let timedOut = false;
  let exited = false;
  let killTimer: NodeJS.Timeout | null = null;
  const stop = (): void => {
    if (exited || killTimer) return;
    void proc.signal('SIGTERM');
    killTimer = setTimeout(() => void proc.signal('SIGKILL'), 3000);
  };
  const onData = (chunk: Buffer): void => {
    tail.push(chunk);
    opts.onOutput?.(chunk.toString('utf8'));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const limit = setTimeout(() => {
    timedOut = true;
    stop();
  }, opts.timeoutMs);
  const done = new Promise<ShellStepResult>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (exited) return;
      exited = true;
      clearTimeout(limit);
      if (killTimer) clearTimeout(killTimer);
      // Whatever it left running in its group goes with it.
      void proc.reap().finally(() => resolve({ code, signal, timedOut, tail: lastLines(tail.text(), 20) }));
    };
    child.on('close', finish);
    // On a host the ssh client hands its pipes to the shared connection's master, which keeps them
    // open while the remote side lives: once the client has exited, its end is not waited for long.
    child.on('exit', (code, signal) => setTimeout(() => finish(code, signal), 5000).unref());
  });
  return { pid: child.pid ?? null, done, stop };
}

export const lastLines = (text: string, n: number): string => text.replace(/\r\n?/g, '\n').trimEnd().split('\n').slice(-n).join('\n');
