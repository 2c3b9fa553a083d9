import { describe, expect, it } from 'vitest';
import { bufferText } from '../../../renderer/features/terminal/terminal-text.js';

const rows = (...r: [string, boolean][]) => ({
  length: r.length,
  getLine: (y: number) => (r[y] ? { isWrapped: r[y][1], translateToString: (trim?: boolean) => (trim ? r[y][0].trimEnd() : r[y][0]) } : undefined),
});

describe('bufferText', () => {
  it('joins soft-wrapped rows into the line the agent wrote, keeping spaces at the wrap', () => {
    expect(bufferText(rows(['abc de', false], ['f ghij', true], ['next  ', false], ['', false]))).toBe('abc def ghij\nnext');
  });
  it('keeps real line breaks and blank lines between lines', () => {
    expect(bufferText(rows(['one', false], ['', false], ['two', false]))).toBe('one\n\ntwo');
  });
});
