import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../../../electron/core/runners/line-splitter.js';

const split = (chunks: string[], maxLine?: number): string[] => {
  const out: string[] = [];
  const s = createLineSplitter((l) => out.push(l), maxLine);
  for (const c of chunks) s.push(c);
  s.end();
  return out;
};

describe('line splitter', () => {
  it('yields the JSON lines however the text is chunked, and skips plain lines', () => {
    const line = fc.oneof(
      fc.json().map((j) => JSON.stringify({ v: JSON.parse(j) })),
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', '}', 'x') }),
      fc.constant('\x1b[0m{"escaped":true}'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const text = lines.map((l) => `${l}\r\n`).join('');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points, text.length].slice(1).map((p, i, a) => text.slice(i ? a[i - 1] : 0, p));
        const expected = lines.filter((l) => l.includes('{') && l.indexOf('{') <= 8);
        expect(split(chunks)).toEqual(expected);
      }),
    );
  });

  it('drops a line longer than the limit and goes on with the next', () => {
    expect(split(['{"a":', '1'.repeat(50), '}\n{"b":2}\n'], 20)).toEqual(['{"b":2}']);
  });
});
