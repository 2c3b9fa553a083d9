import { describe, expect, it } from 'vitest';
import { classifyExit } from '../../../electron/core/runners/classify.js';
import { lastMeaningfulLine, terminalText } from '../../../electron/core/runners/terminal-text.js';

// The end of a real Claude Code TUI session refused in an untrusted folder: the message, then the
// TUI's restore sequences (cursor show, title OSC, alt-screen off, charset reset, a DCS query, kitty
// keyboard pop, bracketed paste off).
const CLAUDE_UNTRUSTED_TAIL =
  '\x1b[?2026h\x1b[2K\x1b[1G\x1b[38;2;255;107;128m╭──────────────╮\x1b[39m\r\n' +
  "\x1b[31mClaude Code didn't start because this folder isn't trusted.\x1b[39m\r\n" +
  '\x1b[?25h\x1b]0;\x07\x1b]2;claude\x1b\\\x1b[?1049l\x1b(B\x1b[m\x1bP$q m\x1b\\\x1b[<u\x1b[?2004l\x1b[?1004l\x1b>\r\n' +
  '\x1b[38;2;136;136;136m─────\x1b[39m\r\n\x1b[?2026l';

describe('terminal text', () => {
  it('finds the last meaningful line of a TUI tail, without any escape sequence', () => {
    expect(lastMeaningfulLine(CLAUDE_UNTRUSTED_TAIL)).toBe("Claude Code didn't start because this folder isn't trusted.");
  });

  it('turns cursor jumps into line breaks, so positioned lines do not run together', () => {
    expect(terminalText('first\x1b[2;1Hsecond\x1b[3Bthird').split('\n')).toEqual(['first', 'second', 'third']);
  });

  it('the error of a failed terminal agent is that line', () => {
    const outcome = classifyExit({ exitCode: 1, signal: null, final: null, structured: false, tail: CLAUDE_UNTRUSTED_TAIL, agentName: 'claude-tui' });
    expect(outcome.error).toBe("claude-tui exited with code 1: Claude Code didn't start because this folder isn't trusted.");
    expect(outcome.error).not.toMatch(/\x1b|\x07/); // eslint-disable-line no-control-regex
  });
});
