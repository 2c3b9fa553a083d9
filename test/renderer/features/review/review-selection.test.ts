import { describe, expect, it } from 'vitest';
import { requests } from '../../../../shared/contract.js';
import { approveInput, checkState, describeSelection, hunkChecked, selectAll, toggleFile, toggleHunk } from '../../../../renderer/features/review/review-selection.js';

const paths = ['a.ts', 'b.ts', 'c.ts'];

describe('the review selection', () => {
  it('starts with everything, which approves the whole change', () => {
    const sel = selectAll(paths);
    expect(paths.map((p) => checkState(sel, p))).toEqual(['all', 'all', 'all']);
    expect(approveInput('dispatch-t', sel, paths)).toEqual({ taskId: 'dispatch-t' });
    expect(describeSelection(sel)).toBe('3 files');
  });

  it('names the files left when some are unticked, and nothing when none is left', () => {
    let sel = toggleFile(selectAll(paths), 'b.ts');
    expect(approveInput('dispatch-t', sel, paths)).toEqual({ taskId: 'dispatch-t', files: ['a.ts', 'c.ts'] });
    sel = toggleFile(toggleFile(sel, 'a.ts'), 'c.ts');
    expect(approveInput('dispatch-t', sel, paths)).toBeNull();
    expect(describeSelection(sel)).toBe('0 files');
  });

  it('turns a whole file into its other hunks when one hunk is unticked, and back when all are ticked', () => {
    let sel = toggleHunk(selectAll(paths), 'b.ts', 1, 3);
    expect(checkState(sel, 'b.ts')).toBe('some');
    expect([0, 1, 2].map((i) => hunkChecked(sel, 'b.ts', i))).toEqual([true, false, true]);
    const input = approveInput('dispatch-t', sel, paths)!;
    expect(input).toEqual({ taskId: 'dispatch-t', files: ['a.ts', 'c.ts'], hunks: [{ path: 'b.ts', index: 0 }, { path: 'b.ts', index: 2 }] });
    expect(requests['changes.approve'].input.safeParse(input).success).toBe(true);
    expect(describeSelection(sel)).toBe('2 files and 2 hunks');
    sel = toggleHunk(sel, 'b.ts', 1, 3);
    expect(checkState(sel, 'b.ts')).toBe('all');
    expect(sel.hunks).toEqual({});
  });

  it('ticks single hunks of an unticked file, and a file checkbox clears its hunks', () => {
    let sel = toggleFile(selectAll(paths), 'c.ts');
    sel = toggleHunk(sel, 'c.ts', 4, 6);
    expect(approveInput('dispatch-t', sel, paths)).toEqual({ taskId: 'dispatch-t', files: ['a.ts', 'b.ts'], hunks: [{ path: 'c.ts', index: 4 }] });
    sel = toggleFile(sel, 'c.ts');
    expect(checkState(sel, 'c.ts')).toBe('none');
    expect(sel.hunks).toEqual({});
    expect(describeSelection(toggleHunk(toggleFile(toggleFile(sel, 'a.ts'), 'b.ts'), 'a.ts', 0, 2))).toBe('1 hunk');
  });
});
