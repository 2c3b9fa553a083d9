/**
 * Splits a `git diff` byte stream into one patch per file without ever holding more than the current
 * file: each file starts at a line beginning with "diff --git ". Content lines in a patch start with
 * ' ', '+', '-', '\' or a base85 length letter, so the marker cannot appear inside a file's patch.
 * Chunks are kept as they come (no copy per chunk); only the last few bytes are remembered to catch
 * a marker that straddles two chunks.
 */
const MARK = Buffer.from('\ndiff --git ');
const KEEP = MARK.length - 1;

export interface PatchSplitter {
  push(chunk: Buffer): void;
  /** Emits the last file. Returns how many files were emitted in all. */
  end(): number;
}

export function createPatchSplitter(onFile: (patch: Buffer, index: number) => void): PatchSplitter {
  let parts: Buffer[] = [];
  let started = false;
  let count = 0;
  /** The last bytes seen (a virtual newline at first, so the very first header matches MARK too). */
  let tail = Buffer.from('\n');

  const emit = (): void => {
    if (started) onFile(Buffer.concat(parts), count++);
    parts = [];
  };
  /** Takes the last n bytes off the current file's parts. */
  const trim = (n: number): void => {
    while (n > 0 && parts.length) {
      const last = parts[parts.length - 1];
      if (last.length <= n) {
        parts.pop();
        n -= last.length;
      } else {
        parts[parts.length - 1] = last.subarray(0, last.length - n);
        n = 0;
      }
    }
  };
  const begin = (first: Buffer[]): void => {
    emit();
    started = true;
    parts = first;
  };

  return {
    push(chunk) {
      if (!chunk.length) return;
      let start = 0;
      // A marker whose newline is among the bytes already seen.
      const probe = Buffer.concat([tail, chunk.subarray(0, KEEP)]);
      const at = probe.indexOf(MARK);
      if (at >= 0 && at < tail.length) {
        const carried = tail.subarray(at + 1); // bytes of the next file already given to this one
        trim(carried.length);
        begin(carried.length ? [Buffer.from(carried)] : []);
      }
      for (let m = chunk.indexOf(MARK, start); m >= 0; m = chunk.indexOf(MARK, start)) {
        if (started) parts.push(chunk.subarray(start, m + 1));
        begin([]);
        start = m + 1;
      }
      if (started && start < chunk.length) parts.push(chunk.subarray(start));
      tail = chunk.length >= KEEP ? Buffer.from(chunk.subarray(chunk.length - KEEP)) : Buffer.concat([tail, chunk]).subarray(-KEEP);
    },
    end() {
      emit();
      started = false;
      return count;
    },
  };
}
