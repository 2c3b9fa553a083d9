import { describe, expect, it } from 'vitest';
import type { ChangeFile } from '../../../../shared/models/change.js';
import { buildFileTree, treeOrder, type TreeNode } from '../../../../renderer/features/review/file-tree.js';
import { windowHunks } from '../../../../renderer/features/review/diff-window.js';
import { languageFor } from '../../../../renderer/features/review/highlight.js';

const file = (path: string, additions = 1, deletions = 0): ChangeFile => ({
  idx: 0, path, oldPath: null, status: 'modified', binary: false, size: null, additions, deletions, oldMode: null, newMode: null,
});

const show = (nodes: TreeNode[], depth = 0): string[] =>
  nodes.flatMap((n) => (n.kind === 'file' ? [`${'  '.repeat(depth)}${n.name}`] : [`${'  '.repeat(depth)}${n.name}/ +${n.additions} -${n.deletions}`, ...show(n.children, depth + 1)]));

describe('buildFileTree', () => {
  it('nests files under folders, folders first, merges single-folder chains and sums the stats', () => {
    const tree = buildFileTree([file('src/lib/deep/x.ts', 2, 1), file('README.md', 1), file('src/app.ts', 3, 3), file('src/lib/deep/y.ts', 1, 0)]);
    expect(show(tree.children)).toEqual(['src/ +6 -4', '  lib/deep/ +3 -1', '    x.ts', '    y.ts', '  app.ts', 'README.md']);
    expect([tree.additions, tree.deletions]).toEqual([7, 4]);
    expect(treeOrder(tree).map((f) => f.path)).toEqual(['src/lib/deep/x.ts', 'src/lib/deep/y.ts', 'src/app.ts', 'README.md']);
  });
});

describe('windowHunks', () => {
  const hunk = (n: number) => ({ id: n, changes: Array.from({ length: n }, (_, i) => i) });

  it('takes whole hunks up to the limit and cuts the last one', () => {
    const w = windowHunks([hunk(100), hunk(100), hunk(100)], 150);
    expect(w.hunks.map((h) => h.changes.length)).toEqual([100, 50]);
    expect([w.shownLines, w.totalLines]).toEqual([150, 300]);
    expect(windowHunks([hunk(10)], 150).hunks).toHaveLength(1);
  });
});

describe('languageFor', () => {
  it('maps file names to Prism languages', () => {
    expect(['a.ts', 'b.tsx', 'c.py', 'Makefile', 'x.unknown', 'noext'].map(languageFor)).toEqual(['typescript', 'typescript', 'python', 'makefile', null, null]);
  });
});

describe('highlighting through react-diff-view', () => {
  it('turns code into Prism tokens with the refractor adapter', async () => {
    const { parseDiff, tokenize } = await import('react-diff-view');
    const { highlighter } = await import('../../../../renderer/features/review/highlight.js');
    const [file] = parseDiff(['diff --git a/a.ts b/a.ts', '--- a/a.ts', '+++ b/a.ts', '@@ -1 +1 @@', '-const a = 1;', '+export const a = 2;', ''].join('\n'));
    const tokens = tokenize(file.hunks, { highlight: true, refractor: highlighter, language: 'typescript' });
    const classes = JSON.stringify(tokens.new);
    expect(classes).toContain('"keyword"');
    expect(classes).toContain('"number"');
  });
});
