/**
 * What every PTY run does with its terminal, here or on a host (pty-runner.ts, remote/remote-pty-runner.ts):
 * output goes to the sink and the structured parser, a bounded tail is kept for classifying the exit,
 * and typing and resizes go in while the agent lives.
 */
import type { IPty } from 'node-pty';
import type { RunHandle, RunSink } from './runner.js';

const TAIL_CHARS = 4096;

/** Follows the terminal's output; returns the tail (the last few KiB) for the exit's classification. */
export function followPty(pty: IPty, sink: Pick<RunSink, 'output'>, parser: { push(data: string): void } | null, onData?: () => void): () => string {
  let tail = '';
  pty.onData((data) => {
    onData?.();
    sink.output(data);
    parser?.push(data);
    tail = tail.length + data.length > TAIL_CHARS * 2 ? (tail + data).slice(-TAIL_CHARS) : tail + data;
  });
  return () => tail;
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
