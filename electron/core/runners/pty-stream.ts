/**
 * What every PTY run does with its terminal, here or on a host (pty-runner.ts, remote/remote-pty-runner.ts):
 * output goes to the sink and the structured parser, a bounded tail is kept for classifying the exit,
 * the session keeper's end marker is answered (pty-keeper.ts), and typing and resizes go in while the
 * agent lives.
 */
import type { IPty } from 'node-pty';
import { createEndMarkerFilter } from './pty-keeper.js';
import type { RunHandle, RunSink } from './runner.js';

const TAIL_CHARS = 4096;

export interface PtyFollower {
  /** The last few KiB of output, for the exit's classification. */
  tail(): string;
  /** Whether the keeper reported the agent's exit: input and resizes have no one to reach. */
  agentDone(): boolean;
  /** Call once the terminal has exited: takes output held back as a possible start of the marker. */
  end(): void;
}

/** Follows the terminal's output. With the keeper's nonce, its end marker is cut out and answered. */
export function followPty(pty: IPty, sink: Pick<RunSink, 'output'>, parser: { push(data: string): void } | null, keeperNonce: string | null): PtyFollower {
  let tail = '';
  let agentDone = false;
  const take = (data: string): void => {
    if (!data) return;
    sink.output(data);
    parser?.push(data);
    tail = tail.length + data.length > TAIL_CHARS * 2 ? (tail + data).slice(-TAIL_CHARS) : tail + data;
  };
  // Everything before the end marker has been read once the marker is: answer it so the keeper exits.
  const marker = keeperNonce
    ? createEndMarkerFilter(keeperNonce, () => {
        agentDone = true;
        pty.write(`${keeperNonce}\n`);
      })
    : null;
  pty.onData((data) => take(marker ? marker.push(data) : data));
  return {
    tail: () => tail,
    agentDone: () => agentDone,
    end: () => marker && take(marker.flush()),
  };
}

/** Typing and resizing, ignored once the agent has exited. */
export function ptyInput(pty: IPty, exited: () => boolean): Pick<RunHandle, 'write' | 'resize'> {
  return {
    write(data) {
      if (!exited()) pty.write(data);
    },
    resize(cols, rows) {
      if (!exited()) pty.resize(Math.max(2, Math.floor(cols)), Math.max(1, Math.floor(rows)));
    },
  };
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM' };
/** node-pty's exit signal number as a name. */
export const signalName = (n: number): string => SIGNALS[n] ?? `signal ${n}`;
