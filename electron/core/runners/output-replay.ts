/**
 * Replay of a run's terminal output for a viewer that joins late: from the live ring buffer when it
 * still holds everything after `afterSeq`, else from the store. At most `maxBytes` (the newest) come
 * back; what is missing before them is reported so the viewer can show a marker.
 */
import { droppedMarker, type OutputRepo } from '../store/output-repo.js';
import type { Store } from '../store/index.js';
import type { LiveRuns } from './live-runs.js';
import type { RingBuffer, SeqChunk } from './ring-buffer.js';

export interface Replay {
  chunks: SeqChunk[];
  droppedBytes: number;
  droppedMarker: string | null;
  live: boolean;
}

export const DEFAULT_REPLAY_BYTES = 2 * 1024 * 1024;

/** An agent run's replay: the store's run output, the live runs' rings. */
export const createOutputReplay = (store: Store, live: LiveRuns) => createReplay(store.output, (runId) => live.byRunId(runId)?.output.ring);

/** A replay over any output repo (agent runs, app runs); `liveRing` is the ring of a run still running. */
export function createReplay(output: OutputRepo, liveRing: (runId: number) => RingBuffer | undefined) {

  const result = (chunks: SeqChunk[], droppedBytes: number, isLive: boolean): Replay => ({
    chunks,
    droppedBytes,
    droppedMarker: droppedBytes > 0 ? droppedMarker(droppedBytes) : null,
    live: isLive,
  });

  return (runId: number, afterSeq = -1, maxBytes = DEFAULT_REPLAY_BYTES): Replay => {
    const ring = liveRing(runId);
    if (ring) {
      const fromRing = ring.after(afterSeq);
      if (fromRing && ring.bytes <= maxBytes) return result(fromRing, 0, true);
    }
    // Newest first until maxBytes: everything older than `from` is skipped.
    let bytes = 0;
    let from = afterSeq;
    let skipped = 0;
    for (const row of output.sizesDesc(runId, afterSeq)) {
      if (from !== afterSeq || bytes + row.len > maxBytes) {
        if (from === afterSeq) from = row.seq;
        skipped += row.len;
        continue;
      }
      bytes += row.len;
    }
    const chunks = output.readAfter(runId, from).map((c) => ({ seq: c.seq, data: c.data.toString('utf8') }));
    const capped = output.dropped(runId);
    // The cap drops the oldest chunks first, so seqs below `capped.chunks` are gone.
    const capLoss = afterSeq + 1 < capped.chunks ? capped.bytes : 0;
    return result(chunks, capLoss + skipped, !!ring);
  };
}
export type OutputReplay = ReturnType<typeof createOutputReplay>;
