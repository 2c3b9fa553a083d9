/**
 * Keeping a PTY run's tail: the runner holds the terminal's slave side open while the agent runs, and
 * lets go of it once the agent has exited and its output has gone quiet (pty-runner.ts, attach).
 */
import { EventEmitter } from 'node:events';
import { constants, openSync } from 'node:fs';
import type { IPty } from 'node-pty';

/**
 * Opens the terminal's slave side ourselves so it stays open after the agent exits. Without this,
 * Linux may answer the master's next read with EIO while the agent's last output is still queued,
 * and node-pty drops it: the tail of a run (Claude's `result` line) would be lost. The slave is
 * released once the agent is gone and its output has gone quiet (see attach). Only held when the
 * agent's exit can be heard (onAgentExit); otherwise node-pty's own 200 ms timeout would end every run.
 */
export function holdSlave(pty: IPty): number | null {
  const path = (pty as unknown as { _pty?: string })._pty;
  if (!path || !exitSignal(pty)) return null;
  try {
    return openSync(path, constants.O_RDWR | constants.O_NOCTTY);
  } catch {
    return null;
  }
}

/**
 * node-pty hears the agent's exit (its waitpid) before it says so: while the slave is open it then
 * waits for its read stream to close, for at most 200 ms, and only after that fires onExit. The
 * moment it hears the exit, it adds a 'close' listener to that read stream (node-pty 1.1
 * unixTerminal.js, `onexit`). That listener's arrival is the event used here. This relies on node-pty's
 * internals (as `_pty` above does); without them the slave is not held at all.
 */
function exitSignal(pty: IPty): EventEmitter | null {
  const socket = (pty as unknown as { _socket?: unknown })._socket;
  return socket instanceof EventEmitter ? socket : null;
}

/** Calls `listener` once, when node-pty has heard that process `pid` exited. */
export function onAgentExit(pty: IPty, pid: number, listener: () => void): () => void {
  const socket = exitSignal(pty);
  if (!socket) return () => {};
  const onListener = (event: string | symbol): void => {
    // Only node-pty's exit handler adds one now; the process is reaped by then.
    if (event !== 'close' || processExists(pid)) return;
    socket.off('newListener', onListener);
    listener();
  };
  socket.on('newListener', onListener);
  return () => socket.off('newListener', onListener);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
