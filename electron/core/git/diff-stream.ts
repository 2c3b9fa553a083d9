/**
 * Reads the output of `git diff-index -z --raw -p` as it streams: first the NUL-separated raw
 * section (one entry per file: status, modes, exact paths), ended by an empty field, then the patches,
 * which are split per file. The raw entries arrive before any patch, so each patch is paired with its
 * entry as soon as it is complete.
 */
import { createPatchSplitter } from './patch-splitter.js';
import { parseRawDiff, type RawEntry } from './raw-diff.js';

export interface DiffStream {
  push(chunk: Buffer): void;
  /** Ends the stream; returns the raw entries and how many patches were emitted. */
  end(): { entries: RawEntry[]; patches: number };
}

const END_OF_RAW = Buffer.from([0, 0]);

export function createDiffStream(onRaw: (entries: RawEntry[]) => void, onFile: (entry: RawEntry, patch: Buffer, index: number) => void): DiffStream {
  let rawParts: Buffer[] | null = [];
  let rawBytes = 0;
  let entries: RawEntry[] = [];
  const splitter = createPatchSplitter((patch, n) => onFile(entries[n], patch, n));

  const finishRaw = (raw: Buffer): void => {
    rawParts = null;
    entries = parseRawDiff(raw);
    onRaw(entries);
  };

  return {
    push(chunk) {
      if (!rawParts) return splitter.push(chunk);
      rawParts.push(chunk);
      rawBytes += chunk.length;
      const all = rawParts.length === 1 ? chunk : Buffer.concat(rawParts, rawBytes);
      rawParts = [all];
      const at = all.indexOf(END_OF_RAW, Math.max(0, rawBytes - chunk.length - 1));
      if (at < 0) return;
      finishRaw(all.subarray(0, at + 1));
      const rest = all.subarray(at + 2);
      if (rest.length) splitter.push(rest);
    },
    end() {
      if (rawParts) finishRaw(Buffer.concat(rawParts));
      return { entries, patches: splitter.end() };
    },
  };
}
