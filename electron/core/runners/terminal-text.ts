/**
 * Reading a person's message out of raw terminal output: escape sequences removed (strip-ansi covers
 * CSI, OSC, DCS/APC strings and charset selections), cursor jumps turned into line breaks (a TUI
 * positions its lines instead of printing newlines), and lines with no letter or digit (box borders,
 * spinners, blank redraws) skipped.
 */
import stripAnsi from 'strip-ansi';

// Cursor movement to another line (CUD, CNL, CPL, CUP, HVP, VPA, IND/NEL/RI) starts a new visual line.
// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const LINE_JUMP = /\x1b\[[0-9;?]*[BEFHfd]|\x1bD|\x1bE|\x1bM/g;

/** The text a terminal showed, one visual line per line, without escape sequences. */
export function terminalText(raw: string): string {
  return stripAnsi(raw.replace(LINE_JUMP, '\n'))
    .replace(/\r\n/g, '\n')
    .replace(/\r/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, ''); // eslint-disable-line no-control-regex -- stray controls (BEL, SI/SO)
}

const meaningful = (line: string): boolean => /[\p{L}\p{N}]/u.test(line);

/** The last line that says something, trimmed and cut to `max` characters; '' when none does. */
export function lastMeaningfulLine(raw: string, max = 300): string {
  const lines = terminalText(raw).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (meaningful(lines[i])) return lines[i].trim().slice(0, max);
  return '';
}
