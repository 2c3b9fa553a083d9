/**
 * Parses `git diff-index -z -M --raw` output: one entry per changed file with its status, modes and
 * blob ids. Paths come NUL-separated and unquoted, so any file name is exact. Line counts and the
 * binary mark are filled in later from each file's patch.
 */
import type { ChangeFileStatus } from '../../../shared/models/change.js';

export interface RawEntry {
  path: string;
  oldPath: string | null;
  status: ChangeFileStatus;
  oldMode: string | null;
  newMode: string | null;
  oldBlob: string;
  newBlob: string;
  binary: boolean;
  /** Size in bytes, filled in for binary files. */
  size: number | null;
  additions: number;
  deletions: number;
}

const NULL_MODE = '000000';
const isNullBlob = (sha: string): boolean => /^0+$/.test(sha);

function statusOf(letter: string, modeChanged: boolean, contentChanged: boolean): ChangeFileStatus {
  switch (letter) {
    case 'A':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    case 'C':
      return 'copied';
    case 'T':
      return 'typechange';
    default:
      return modeChanged && !contentChanged ? 'mode' : 'modified';
  }
}

export function parseRawDiff(out: Buffer): RawEntry[] {
  const tokens = out.toString('utf8').split('\0');
  if (tokens.at(-1) === '') tokens.pop();
  const entries: RawEntry[] = [];
  let i = 0;
  // Raw section: ":<old mode> <new mode> <old sha> <new sha> <status>" then one or two paths.
  while (i < tokens.length && tokens[i].startsWith(':')) {
    const [oldMode, newMode, oldBlob, newBlob, status] = tokens[i].slice(1).split(' ');
    const letter = status[0];
    const twoPaths = letter === 'R' || letter === 'C';
    const first = tokens[i + 1];
    const second = twoPaths ? tokens[i + 2] : null;
    i += twoPaths ? 3 : 2;
    entries.push({
      path: second ?? first,
      oldPath: twoPaths ? first : null,
      status: statusOf(letter, oldMode !== newMode, oldBlob !== newBlob),
      oldMode: oldMode === NULL_MODE ? null : oldMode,
      newMode: newMode === NULL_MODE ? null : newMode,
      oldBlob: isNullBlob(oldBlob) ? '' : oldBlob,
      newBlob: isNullBlob(newBlob) ? '' : newBlob,
      binary: false,
      size: null,
      additions: 0,
      deletions: 0,
    });
  }
  return entries;
}
