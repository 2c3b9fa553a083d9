import { describe, expect, it } from 'vitest';
import { createEndMarkerFilter } from '../../../electron/core/runners/pty-keeper.js';

const NONCE = 'a1b2c3';
const MARKER = `\x1b]7717;${NONCE};143\x07`;

/** Feeds `text` to a filter cut at every position in turn; returns what came through and the status. */
function feedSplit(text: string, at: number): { out: string; status: number | null; calls: number } {
  let calls = 0;
  const f = createEndMarkerFilter(NONCE, () => calls++);
  const out = f.push(text.slice(0, at)) + f.push(text.slice(at));
  return { out: out + (f.status === null ? f.flush() : ''), status: f.status, calls };
}

describe('the session keeper end marker', () => {
  it('removes the marker and what follows it, wherever the chunks are cut', () => {
    const text = `line one\r\n\x1b[1mbold\x1b[0m last line\r\n${MARKER}${NONCE}\r\n`;
    for (let at = 0; at <= text.length; at++) {
      expect(feedSplit(text, at)).toEqual({ out: 'line one\r\n\x1b[1mbold\x1b[0m last line\r\n', status: 143, calls: 1 });
    }
  });

  it('passes other escape sequences and a marker with another nonce through untouched', () => {
    const text = `a\x1b]0;title\x07b\x1b]7717;other;0\x07c\x1b]7717;${NONCE.slice(0, 3)}`;
    for (let at = 0; at <= text.length; at++) expect(feedSplit(text, at)).toEqual({ out: text, status: null, calls: 0 });
  });

  it('holds back only what could still become the marker, and gives it back at the end', () => {
    const f = createEndMarkerFilter(NONCE, () => {});
    expect(f.push('out\x1b]77')).toBe('out');
    expect(f.push('x')).toBe('\x1b]77x');
    expect(f.push(`\x1b]7717;${NONCE};1`)).toBe('');
    expect(f.flush()).toBe(`\x1b]7717;${NONCE};1`);
  });
});
