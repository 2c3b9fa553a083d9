/** A chunk of terminal output with its store sequence number. */
export interface SeqChunk {
  seq: number;
  data: string;
}

const DROPPED: SeqChunk = { seq: -1, data: '' };

export interface RingBuffer {
  push(chunk: SeqChunk): void;
  /** Chunks with seq > afterSeq, or null when the ring no longer holds all of them (read the store). */
  after(afterSeq: number): SeqChunk[] | null;
  readonly bytes: number;
}

/**
 * The newest output of a live run, bounded by `capBytes` (invariant 5): a late viewer usually catches
 * up from here without touching the store. Oldest chunks fall out first; the newest one always stays.
 */
export function createRingBuffer(capBytes = 64 * 1024): RingBuffer {
  const chunks: SeqChunk[] = [];
  let head = 0;
  let bytes = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      bytes += chunk.data.length;
      while (bytes > capBytes && chunks.length - head > 1) {
        bytes -= chunks[head].data.length;
        chunks[head] = DROPPED; // let the text go now, not at the next compaction
        head++;
      }
      if (head > 64 && head * 2 > chunks.length) {
        chunks.splice(0, head);
        head = 0;
      }
    },
    after(afterSeq) {
      const first = chunks[head];
      if (!first) return [];
      if (first.seq > afterSeq + 1) return null;
      const out: SeqChunk[] = [];
      for (let i = head; i < chunks.length; i++) if (chunks[i].seq > afterSeq) out.push(chunks[i]);
      return out;
    },
    get bytes() {
      return bytes;
    },
  };
}
