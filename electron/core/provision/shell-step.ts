/**
 * Runs one of switchboard.json's shell commands (setup, teardown) in a worktree: `/bin/sh -c`, in
 * its own process group (a time limit or a cancel kills everything it started), output handed on as
 * it comes and its last lines kept (bounded) for the error message.
 */
import { spawn } from 'node:child_process';
import { signalGroup } from '../runners/process-group.js';
import { createTailBuffer } from '../runners/acp/tail-buffer.js';

export interface ShellStepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The last lines of output (stdout and stderr together). */
  tail: string;
}

export interface ShellStep {
  /** The shell's pid (its process group's id), or null when it could not be started. */
  readonly pid: number | null;
  readonly done: Promise<ShellStepResult>;
  /** SIGTERM to the group, SIGKILL after a grace period. */
  stop(): void;
}

export function runShellStep(opts: { command: string; cwd: string; env: Record<string, string>; timeoutMs: number; onOutput?: (data: string) => void }): ShellStep {
  const child = spawn('/bin/sh', ['-c', opts.command], { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = createTailBuffer(8 * 1024);
  let timedOut = false;
  let killTimer: NodeJS.Timeout | null = null;
  const stop = (): void => {
    if (child.pid == null || child.exitCode != null || killTimer) return;
    signalGroup(child.pid, 'SIGTERM');
    killTimer = setTimeout(() => child.pid != null && signalGroup(child.pid, 'SIGKILL'), 3000);
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
      clearTimeout(limit);
      if (killTimer) clearTimeout(killTimer);
      // Whatever it left running in its group goes with it.
      if (child.pid != null) signalGroup(child.pid, 'SIGKILL');
      resolve({ code, signal, timedOut, tail: lastLines(tail.text(), 20) });
    };
    child.on('error', (err) => {
      tail.push(Buffer.from(`${err.message}\n`));
      finish(null, null);
    });
    child.on('close', finish);
  });
  return { pid: child.pid ?? null, done, stop };
}

export const lastLines = (text: string, n: number): string => text.replace(/\r\n?/g, '\n').trimEnd().split('\n').slice(-n).join('\n');
