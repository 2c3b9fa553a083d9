import { describe, expect, it } from 'vitest';
import { parseDiff } from 'react-diff-view';
import type { ChangeFile } from '../../../../shared/models/change.js';
import { wordEditRanges, wordEdits } from '../../../../renderer/features/review/word-edits.js';
import { collapseReason, LARGE_DIFF_LINES } from '../../../../renderer/features/review/diff-collapse.js';
import { createViewedFiles, MAX_VIEWED, VIEWED_KEY, viewedKey } from '../../../../renderer/features/review/viewed-files.js';
import { cutPatch } from '../../../../renderer/features/review/diff-window.js';

const file = (path: string, additions = 1, deletions = 0, extra: Partial<ChangeFile> = {}): ChangeFile => ({
  idx: 0, path, oldPath: null, status: 'modified', binary: false, size: null, additions, deletions, oldMode: null, newMode: null, ...extra,
});
const marked = (text: string, ranges: { start: number; length: number }[]) => ranges.map((r) => text.slice(r.start, r.start + r.length));

describe('word-level marks', () => {
  it('marks whole changed words on both sides, never part of a word', () => {
    const before = '  total += compute(1, "old value");';
    const after = '  total += computeFaster(1, "new value");';
    const e = wordEdits(before, after)!;
    expect(marked(before, e.old)).toEqual(['compute', 'old']);
    expect(marked(after, e.new)).toEqual(['computeFaster', 'new']);
  });

  it('joins neighbouring changed words into one mark', () => {
    const e = wordEdits('let a = one two three;', 'let a = four five three;')!;
    expect(marked('let a = four five three;', e.new)).toEqual(['four five']);
  });

  it('leaves lines with too little in common, and equal lines, unmarked', () => {
    expect(wordEdits('import { a } from "b";', 'export default class Widget extends Base {}')).toBeNull();
    expect(wordEdits('same', 'same')).toBeNull();
  });

  it('pairs the n-th removed line with the n-th added line of each change run, by line number', () => {
    const patch = [
      'diff --git a/x.ts b/x.ts', '--- a/x.ts', '+++ b/x.ts', '@@ -1,4 +1,4 @@',
      ' const keep = 1;', '-const a = alpha(1);', '-const b = beta(2);', '+const a = alpha(10);', '+const b = gamma(2);', ' end();', '',
    ].join('\n');
    const [f] = parseDiff(patch, { nearbySequences: 'zip' });
    const [oldR, newR] = wordEditRanges(f.hunks);
    expect(oldR.map((r) => [r.lineNumber, r.start, r.length])).toEqual([[2, 16, 1], [3, 10, 4]]);
    expect(newR.map((r) => [r.lineNumber, r.start, r.length])).toEqual([[2, 16, 2], [3, 10, 5]]);
    expect(newR.every((r) => r.type === 'edit')).toBe(true);
  });
});

describe('which files open collapsed', () => {
  it('collapses lock files and build output, and files with more than the large-diff limit of changed lines', () => {
    expect(collapseReason(file('package-lock.json', 3))).toMatch(/Generated file \(a lock file\)/);
    expect(collapseReason(file('web/yarn.lock', 3))).toMatch(/lock file/);
    expect(collapseReason(file('assets/app.min.js', 3))).toMatch(/minified/);
    expect(collapseReason(file('dist/index.js', 3))).toMatch(/build output/);
    expect(collapseReason(file('src/big.ts', 5000, 5000))).toBe('Large diff: 10,000 changed lines');
    expect(collapseReason(file('src/edge.ts', LARGE_DIFF_LINES - 100, 100))).toBeNull();
    expect(collapseReason(file('src/edge.ts', LARGE_DIFF_LINES - 100, 101))).not.toBeNull();
    expect(collapseReason(file('src/lockfile.ts', 3))).toBeNull();
    expect(collapseReason(file('logo.png', 0, 0, { binary: true }))).toBeNull();
  });
});

describe('Viewed marks', () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
  };

  it('survive a new page on the same storage, per change, path and content', () => {
    const storage = memory();
    const a = file('src/a.ts', 3, 1);
    createViewedFiles(storage).set(viewedKey(7, a), true);
    const again = createViewedFiles(storage);
    expect(again.has(viewedKey(7, a))).toBe(true);
    expect(again.has(viewedKey(8, a))).toBe(false); // a follow-up's new change
    expect(again.has(viewedKey(7, file('src/b.ts', 3, 1)))).toBe(false);
    expect(again.has(viewedKey(7, file('src/a.ts', 4, 1)))).toBe(false); // other content
    again.set(viewedKey(7, a), false);
    expect(createViewedFiles(storage).has(viewedKey(7, a))).toBe(false);
  });

  it('tells subscribers, keeps only the newest marks, and starts empty from unreadable storage', () => {
    const storage = memory();
    const v = createViewedFiles(storage);
    let calls = 0;
    v.subscribe(() => calls++);
    for (let i = 0; i < MAX_VIEWED + 3; i++) v.set(`k${i}`, true);
    expect(calls).toBe(MAX_VIEWED + 3);
    expect(v.has('k0')).toBe(false);
    expect(v.has(`k${MAX_VIEWED + 2}`)).toBe(true);
    expect(JSON.parse(storage.data.get(VIEWED_KEY)!)).toHaveLength(MAX_VIEWED);
    storage.setItem(VIEWED_KEY, '{not json');
    expect(createViewedFiles(storage).has(`k${MAX_VIEWED + 2}`)).toBe(false);
    expect(createViewedFiles(null).has('x')).toBe(false);
  });
});

describe('cutPatch', () => {
  const patch = ['diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,2 +1,2 @@', '-a', '+b', '@@ -10,2 +10,2 @@', '-c', '+d', '\\ No newline at end of file', '@@ -20,1 +20,1 @@', '-e', '+f', ''].join('\n');

  it('keeps the hunks that hold the first lines, and counts the whole patch', () => {
    const cut = cutPatch(patch, 3);
    expect(cut).toMatchObject({ complete: false, hunks: 3, lines: 6 });
    const [f] = parseDiff(cut.text, { nearbySequences: 'zip' });
    expect(f.hunks).toHaveLength(2);
    expect(f.hunks[1].changes.map((c) => c.content)).toEqual(['c', 'd']);
  });

  it('returns the whole patch when it is short enough', () => {
    expect(cutPatch(patch, 100)).toEqual({ text: patch, complete: true, hunks: 3, lines: 6 });
    const [f] = parseDiff(cutPatch(patch, 100).text, { nearbySequences: 'zip' });
    expect(f.hunks).toHaveLength(3);
  });
});
