/**
 * Line counts and the binary mark of one file's patch, read from the patch itself (no second diff):
 * lines starting with '+' or '-' after the first hunk header are additions and deletions.
 */
const HUNK = Buffer.from('\n@@ ');
const PLUS = Buffer.from('\n+');
const MINUS = Buffer.from('\n-');
const BINARY = [Buffer.from('\nGIT binary patch\n'), Buffer.from('\nBinary files ')];

function count(buf: Buffer, needle: Buffer, from: number): number {
  let n = 0;
  for (let at = buf.indexOf(needle, from); at >= 0; at = buf.indexOf(needle, at + 1)) n++;
  return n;
}

export function patchStats(patch: Buffer): { binary: boolean; hunks: boolean; additions: number; deletions: number } {
  const firstHunk = patch.indexOf(HUNK);
  if (firstHunk < 0) {
    const binary = BINARY.some((b) => patch.indexOf(b) >= 0);
    return { binary, hunks: false, additions: 0, deletions: 0 };
  }
  return { binary: false, hunks: true, additions: count(patch, PLUS, firstHunk), deletions: count(patch, MINUS, firstHunk) };
}
