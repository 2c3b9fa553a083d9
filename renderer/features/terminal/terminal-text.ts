/** The parts of an xterm.js buffer this module reads, so it runs (and is tested) without a DOM. */
export interface BufferLike {
  readonly length: number;
  getLine(y: number): { readonly isWrapped: boolean; translateToString(trimRight?: boolean): string } | undefined;
}

/**
 * The whole buffer as text, the way the agent wrote it. A row that xterm soft-wrapped (the next
 * row `isWrapped`) continues on that row instead of ending in a line break; such a row was full, so
 * its trailing spaces are real output and are kept. Other rows lose their padding, and trailing
 * blank rows are dropped.
 */
export function bufferText(buf: BufferLike): string {
  const lines: string[] = [];
  for (let y = 0; y < buf.length; y++) {
    const row = buf.getLine(y);
    if (!row) continue;
    const text = row.translateToString(!buf.getLine(y + 1)?.isWrapped);
    if (row.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines.join('\n').replace(/\n+$/, '');
}
