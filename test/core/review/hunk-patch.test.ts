import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hunkCount, selectHunks } from '../../../electron/core/review/hunk-patch.js';
import { tempDir } from '../../helpers/temp.js';

/** The real `git diff` of before → after for one file. */
function diffOf(dir: string, before: Buffer | string, after: Buffer | string): Buffer {
  writeFileSync(join(dir, 'old'), before);
  writeFileSync(join(dir, 'new'), after);
  const out = spawnSync('git', ['diff', '--no-index', '--no-color', '--full-index', 'old', 'new'], { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  if (out.status !== 1) throw new Error(`git diff --no-index failed: ${out.stderr}`);
  return out.stdout;
}

/** Applies `patch` (which names old → new) to `before` with git apply, returns the result. */
function applyTo(dir: string, before: Buffer | string, patch: Buffer): Buffer {
  const work = join(dir, `w${Math.random().toString(36).slice(2)}`);
  mkdirSync(work);
  writeFileSync(join(work, 'old'), before);
  const renamed = Buffer.from(patch.toString('latin1').replace(/^diff --git a\/old b\/new$/m, 'diff --git a/old b/old').replace(/^\+\+\+ b\/new$/m, '+++ b/old'), 'latin1');
  execFileSync('git', ['apply', '-'], { cwd: work, input: renamed, stdio: ['pipe', 'pipe', 'pipe'] });
  return readFileSync(join(work, 'old'));
}

const numbered = (n: number): string[] => Array.from({ length: n }, (_, i) => `l${i + 1}`);
const text = (ls: string[], eol = true): string => ls.join('\n') + (eol ? '\n' : '');

describe('selectHunks', () => {
  it('keeps one hunk of three and recomputes where later hunks start', () => {
    const dir = tempDir();
    const base = numbered(60);
    const after = [...base];
    after.splice(2, 0, 'inserted a', 'inserted b'); // hunk 0: +2 lines near the top
    after[31] = 'changed middle'; // hunk 1
    after.splice(55, 2); // hunk 2: -2 lines near the end
    const patch = diffOf(dir, text(base), text(after));
    expect(hunkCount(patch)).toBe(3);
    const only2 = applyTo(dir, text(base), selectHunks(patch, [2], 'f')).toString();
    const expected2 = [...base];
    expected2.splice(53, 2);
    expect(only2).toBe(text(expected2));
    const only0and2 = applyTo(dir, text(base), selectHunks(patch, [0, 2], 'f')).toString();
    const expected02 = [...base];
    expected02.splice(53, 2);
    expected02.splice(2, 0, 'inserted a', 'inserted b');
    expect(only0and2).toBe(text(expected02));
  });

  it('handles a missing newline at the end of file on either side', () => {
    const dir = tempDir();
    const base = numbered(30);
    const after = [...base];
    after[0] = 'first changed';
    after[29] = 'last changed';
    for (const [eolBefore, eolAfter] of [[true, false], [false, true], [false, false]]) {
      const patch = diffOf(dir, text(base, eolBefore), text(after, eolAfter));
      expect(hunkCount(patch)).toBe(2);
      const lastOnly = [...base];
      lastOnly[29] = 'last changed';
      expect(applyTo(dir, text(base, eolBefore), selectHunks(patch, [1], 'f')).toString()).toBe(text(lastOnly, eolAfter));
      const firstOnly = [...base];
      firstOnly[0] = 'first changed';
      expect(applyTo(dir, text(base, eolBefore), selectHunks(patch, [0], 'f')).toString()).toBe(text(firstOnly, eolBefore));
    }
  });

  it('keeps bytes that are not UTF-8 and CRLF line ends', () => {
    const dir = tempDir();
    const before = Buffer.from('caf\xe9\r\nx\r\n' + text(numbered(20)) + 'end\r\n', 'latin1');
    const after = Buffer.from('caf\xe8\r\nx\r\n' + text(numbered(20)) + 'END\xff\r\n', 'latin1');
    const patch = diffOf(dir, before, after);
    expect(applyTo(dir, before, selectHunks(patch, [0], 'f'))).toEqual(Buffer.from('caf\xe8\r\nx\r\n' + text(numbered(20)) + 'end\r\n', 'latin1'));
  });

  it('refuses an index past the last hunk, and a binary patch', () => {
    const dir = tempDir();
    const patch = diffOf(dir, 'a\n', 'b\n');
    expect(() => selectHunks(patch, [1], 'file a')).toThrow(/file a has 1 hunk\(s\); there is no hunk 1/);
    const bin = Buffer.from('diff --git a/x b/x\nindex 1..2 100644\nGIT binary patch\nliteral 1\nIcmZ?d00001\n\n');
    expect(() => selectHunks(bin, [0], 'x.bin')).toThrow(/approve the whole file/);
  });

  it('applies any subset of hunks to exactly those edits (property)', () => {
    const dir = tempDir();
    const base = numbered(80);
    /** Edits at lines 10 apart (each its own hunk): 0 replaces the line, 1 inserts two after it, 2 deletes it. */
    const edit = (ops: Map<number, number>): string[] =>
      base.flatMap((l, i) => {
        const op = ops.get(i);
        if (op === 0) return [`${l} edited`];
        if (op === 1) return [l, `${l} plus a`, `${l} plus b`];
        if (op === 2) return [];
        return [l];
      });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (slots, kinds, picks, eol) => {
          const spots = [...slots].sort((a, b) => a - b).map((s) => s * 10 + 5);
          const ops = new Map(spots.map((line, i) => [line, kinds[i]]));
          const patch = diffOf(dir, text(base, eol), text(edit(ops), eol));
          expect(hunkCount(patch)).toBe(spots.length);
          const chosen = spots.map((_, i) => i).filter((i) => picks[i]);
          if (!chosen.length) return;
          const selected = selectHunks(patch, chosen, 'f');
          const want = text(edit(new Map(chosen.map((i) => [spots[i], kinds[i]]))), eol);
          expect(applyTo(dir, text(base, eol), selected).toString()).toBe(want);
          // Same hunk headers as git itself writes for exactly these edits (git apply alone would forgive wrong starts).
          const headers = (b: Buffer): string[] => b.toString('latin1').split('\n').filter((l) => l.startsWith('@@'));
          expect(headers(selected)).toEqual(headers(diffOf(dir, text(base, eol), want)));
        },
      ),
      { numRuns: 25 },
    );
  });
});
