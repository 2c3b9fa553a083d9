import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPatchSplitter } from '../../../electron/core/git/patch-splitter.js';
import { createDiffStream } from '../../../electron/core/git/diff-stream.js';
import { tempDir } from '../../helpers/temp.js';
import { commitAll, makeRepo, write } from './git-fixture.js';

describe('patch splitter', () => {
  it('splits a real git diff into one patch per file, whatever the chunk boundaries', () => {
    const repo = makeRepo(join(tempDir(), 'r'), { 'a.txt': 'a\n', 'b.txt': 'diff --git a/x b/x\n', 'c.bin': Buffer.from([0, 1, 2]) });
    const base = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD']).toString().trim();
    write(repo, { 'a.txt': 'a2\ndiff --git a/fake b/fake\n', 'b.txt': 'changed\n', 'c.bin': Buffer.from([9, 0, 9, 0]), 'd.txt': 'new\n' });
    const head = commitAll(repo, 'edit');
    const whole = execFileSync('git', ['-C', repo, 'diff-tree', '-r', '-p', '--binary', base, head]);
    const expected = whole.toString('latin1').split(/(?=^diff --git )/m);
    expect(expected).toHaveLength(4);

    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (sizes) => {
        const got: string[] = [];
        const splitter = createPatchSplitter((p) => got.push(p.toString('latin1')));
        let at = 0;
        for (let i = 0; at < whole.length; i++) {
          const n = sizes[i % sizes.length];
          splitter.push(whole.subarray(at, at + n));
          at += n;
        }
        expect(splitter.end()).toBe(4);
        expect(got).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('reads the raw section, then pairs each patch with its file, across any chunk boundaries', () => {
    const repo = makeRepo(join(tempDir(), 'r'), { 'keep.txt': 'k\n', 'old name.txt': 'same content\nfor the rename\n', 'x.txt': 'x\n' });
    const base = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD']).toString().trim();
    execFileSync('git', ['-C', repo, 'mv', 'old name.txt', 'new\tname.txt']);
    write(repo, { 'x.txt': 'x2\n', 'added.txt': 'a\n' });
    execFileSync('git', ['-C', repo, 'add', '-N', 'added.txt']);
    const whole = execFileSync('git', ['-C', repo, 'diff-index', '-r', '-M', '-z', '--raw', '-p', base]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (size) => {
        const files: string[] = [];
        let rawSeen = -1;
        const stream = createDiffStream(
          (entries) => (rawSeen = entries.length),
          (entry, patch) => {
            expect(rawSeen).toBe(3);
            files.push(`${entry.status} ${entry.path} ${patch.toString().split('\n')[0]}`);
          },
        );
        for (let at = 0; at < whole.length; at += size) stream.push(whole.subarray(at, at + size));
        expect(stream.end()).toMatchObject({ patches: 3 });
        expect(files).toEqual([
          'added added.txt diff --git a/added.txt b/added.txt',
          'renamed new\tname.txt diff --git a/old name.txt "b/new\\tname.txt"',
          'modified x.txt diff --git a/x.txt b/x.txt',
        ]);
      }),
      { numRuns: 30 },
    );
    const empty = createDiffStream(() => {}, () => {});
    expect(empty.end()).toEqual({ entries: [], patches: 0 });
  });
});
