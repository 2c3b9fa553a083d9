/**
 * The one order of a run's two streams. Each `run.output` chunk and each `run.event` keeps its own
 * dense seq (so a viewer of either stream can tell a gap from a duplicate), and each event records
 * `outputSeq`, the last chunk pushed before it. Chunk k sorts at (k, before events); an event sorts
 * right after chunk `outputSeq`, events among themselves by seq. That is the order the core pushed them in.
 */
import type { RunEvent } from '../models/run.js';

export type RunEntry<C extends { seq: number }> = { type: 'output'; chunk: C } | { type: 'event'; event: RunEvent };

/** Interleaves one run's output chunks and events (each in any order) into the order they were pushed. */
export function interleaveRun<C extends { seq: number }>(chunks: readonly C[], events: readonly RunEvent[]): RunEntry<C>[] {
  const key = (e: RunEntry<C>): [number, number, number] => (e.type === 'output' ? [e.chunk.seq, 0, 0] : [e.event.outputSeq, 1, e.event.seq]);
  const entries: RunEntry<C>[] = [...chunks.map((chunk) => ({ type: 'output' as const, chunk })), ...events.map((event) => ({ type: 'event' as const, event }))];
  return entries.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}
