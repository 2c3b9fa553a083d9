/**
 * Splits terminal text into the lines the structured-output parsers care about: JSON objects, i.e.
 * lines whose first '{' is within their first few characters (after a stray escape sequence, say).
 * Other lines (a flood of plain output) are skipped without being copied. A PTY turns "\n" into
 * "\r\n", so a trailing "\r" is dropped. A line longer than `maxLine` is discarded (a flood must not
 * grow memory); the parser sees the next complete line.
 */
export interface LineSplitter {
  push(data: string): void;
  /** Emits the unterminated last line, if any. */
  end(): void;
}

/** How far into a line its opening brace may be. */
export const MAX_BRACE_OFFSET = 8;

export function createLineSplitter(onLine: (line: string) => void, maxLine = 16 * 1024 * 1024): LineSplitter {
  let partial = '';
  let skipping = false;
  const emit = (line: string): void => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line) onLine(line);
  };
  return {
    push(data) {
      let start = 0;
      let brace = -2; // position of the next '{' at or after `start`; -2 = not looked up yet
      for (let nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', start)) {
        if (skipping) skipping = false;
        else if (partial) {
          const line = partial + data.slice(start, nl);
          if (line.lastIndexOf('{', MAX_BRACE_OFFSET) >= 0) emit(line);
        }
        else {
          if (brace !== -1 && brace < start) brace = data.indexOf('{', start);
          if (brace >= 0 && brace < nl && brace - start <= MAX_BRACE_OFFSET) emit(data.slice(start, nl));
        }
        partial = '';
        start = nl + 1;
      }
      if (start < data.length && !skipping) {
        partial += data.slice(start);
        const notJson = partial.length > MAX_BRACE_OFFSET && partial.lastIndexOf('{', MAX_BRACE_OFFSET) < 0;
        if (notJson || partial.length > maxLine) {
          partial = '';
          skipping = true;
        }
      }
    },
    end() {
      if (partial && !skipping && partial.lastIndexOf('{', MAX_BRACE_OFFSET) >= 0) emit(partial);
      partial = '';
      skipping = false;
    },
  };
}
