import { describe, expect, it } from 'vitest';
import { createTerminalInput, MAX_WRITE } from '../../renderer/features/terminal/terminal-input.js';

/** A send whose requests finish when the test says, in any order it likes. */
function controlledSend() {
  const sent: { data: string; finish: (ok?: boolean) => void }[] = [];
  const send = (data: string) =>
    new Promise<void>((resolve, reject) => sent.push({ data, finish: (ok = true) => (ok ? resolve() : reject(new Error('refused'))) }));
  return { sent, send };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('terminal input', () => {
  it('keeps one write in flight and sends what was typed meanwhile as one write after it, in order', async () => {
    const { sent, send } = controlledSend();
    const input = createTerminalInput(send, () => {});
    for (const ch of 'typed in the browser') input.push(ch);
    expect(sent.map((s) => s.data)).toEqual(['t']);
    sent[0].finish();
    await tick();
    expect(sent.map((s) => s.data)).toEqual(['t', 'yped in the browser']);
    input.push('\r');
    sent[1].finish();
    await tick();
    expect(sent.map((s) => s.data).join('')).toBe('typed in the browser\r');
  });

  it('goes on after a refused write, and reports it', async () => {
    const { sent, send } = controlledSend();
    const errors: unknown[] = [];
    const input = createTerminalInput(send, (e) => errors.push(e));
    input.push('a');
    input.push('b');
    sent[0].finish(false);
    await tick();
    expect(errors).toHaveLength(1);
    expect(sent.map((s) => s.data)).toEqual(['a', 'b']);
  });

  it('splits a paste larger than one write without splitting a character', async () => {
    const { sent, send } = controlledSend();
    const input = createTerminalInput(send, () => {});
    const paste = 'x'.repeat(MAX_WRITE - 1) + '😀' + 'tail';
    input.push(paste);
    while (sent.length && sent.every((s) => s.data.length <= MAX_WRITE)) {
      const before = sent.length;
      sent[before - 1].finish();
      await tick();
      if (sent.length === before) break;
    }
    expect(sent.map((s) => s.data).join('')).toBe(paste);
    expect(sent[0].data).toBe('x'.repeat(MAX_WRITE - 1));
    expect(sent[1].data.startsWith('😀')).toBe(true);
  });

  it('sends nothing more once disposed', async () => {
    const { sent, send } = controlledSend();
    const input = createTerminalInput(send, () => {});
    input.push('a');
    input.push('b');
    input.dispose();
    sent[0].finish();
    await tick();
    input.push('c');
    expect(sent.map((s) => s.data)).toEqual(['a']);
  });
});
