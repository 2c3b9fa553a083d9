/**
 * Keeps the last `limit` bytes of a byte stream (terminal output, an agent's stderr) and decodes them
 * without splitting a character: bounded memory however much comes in (invariant 5).
 */
export interface TailBuffer {
  push(chunk: Buffer): void;
  /** The kept bytes as text, starting at a character boundary. */
  text(): string;
  /** Whether anything was dropped from the front. */
  readonly truncated: boolean;
  readonly bytes: number;
}

export function createTailBuffer(limit: number): TailBuffer {
  let chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  const trim = (): void => {
    while (bytes > limit && chunks.length) {
      const over = bytes - limit;
      const first = chunks[0];
      if (first.length <= over) {
        chunks.shift();
        bytes -= first.length;
      } else {
        chunks[0] = first.subarray(over);
        bytes -= over;
      }
      truncated = true;
    }
  };
  return {
    push(chunk) {
      if (!chunk.length) return;
      chunks.push(chunk);
      bytes += chunk.length;
      trim();
      if (chunks.length > 64) chunks = [Buffer.concat(chunks)];
    },
    text() {
      let buf = Buffer.concat(chunks);
      // Dropping from the front may have cut a character: skip its continuation bytes (10xxxxxx).
      let start = 0;
      while (truncated && start < buf.length && start < 4 && (buf[start] & 0xc0) === 0x80) start++;
      buf = buf.subarray(start);
      return buf.toString('utf8');
    },
    get truncated() {
      return truncated;
    },
    get bytes() {
      return bytes;
    },
  };
}
