import { describe, expect, it } from 'vitest';
import { requests } from '../../../../shared/contract.js';
import type { Change } from '../../../../shared/models/change.js';
import type { TaskState } from '../../../../shared/models/task.js';
import { approveLabel, choicesFor, picksFor, reviewable, type Group } from '../../../../renderer/features/compare/compare-picks.js';
import { makeTask } from '../../support/make-task.js';

const change = (id: number, taskId: string): Change => ({
  id, taskId, runId: 1, baseCommit: 'a', headCommit: 'a', state: 'pending', filesCount: 1, additions: 1, deletions: 1, review: {}, createdAt: '2026-01-01T00:00:00.000Z', decidedAt: null,
});
const member = (id: string, agent: string, state: TaskState = 'awaiting_review') => ({
  task: makeTask({ id, agent, state, groupId: 'g' }),
  durationMs: 1000,
  change: state === 'awaiting_review' ? change(id.length, id) : null,
  runStatus: 'exit 0',
  usage: null,
});

/** claude and codex both changed a.txt; only codex changed b.txt; gemini still runs. */
const group: Group = {
  groupId: 'g',
  members: [member('dispatch-g', 'claude'), member('dispatch-g.codex', 'codex'), member('dispatch-g.gemini', 'gemini', 'running')],
  files: [
    { path: 'a.txt', taskIds: ['dispatch-g', 'dispatch-g.codex'] },
    { path: 'b.txt', taskIds: ['dispatch-g.codex'] },
  ],
};

describe('compare picks', () => {
  it('offers only siblings whose change awaits review', () => {
    expect([...reviewable(group)]).toEqual(['dispatch-g', 'dispatch-g.codex']);
  });

  it("approves the winner's whole change when every file comes from it", () => {
    const picks = picksFor(group, 'dispatch-g.codex', choicesFor(group, 'dispatch-g.codex'));
    expect(picks).toEqual([{ taskId: 'dispatch-g.codex' }]);
    expect(approveLabel(group, picks)).toBe('Approve codex');
    expect(requests['groups.approve'].input.safeParse({ picks }).success).toBe(true);
  });

  it('leaves out files the winner did not touch, and names the files when a file comes from another sibling', () => {
    const choice = choicesFor(group, 'dispatch-g');
    expect(choice).toEqual({ 'a.txt': 'dispatch-g', 'b.txt': null });
    expect(picksFor(group, 'dispatch-g', choice)).toEqual([{ taskId: 'dispatch-g' }]);
    // b.txt from codex as well: the winner stays first, each sibling with its files.
    const picks = picksFor(group, 'dispatch-g', { ...choice, 'b.txt': 'dispatch-g.codex' });
    expect(picks).toEqual([{ taskId: 'dispatch-g', files: ['a.txt'] }, { taskId: 'dispatch-g.codex', files: ['b.txt'] }]);
    expect(approveLabel(group, picks)).toBe('Approve 2 files from 2 agents');
  });

  it('approves nothing when every file is left out, and ignores a choice of a sibling that did not touch the file', () => {
    expect(picksFor(group, 'dispatch-g', { 'a.txt': null, 'b.txt': null })).toEqual([]);
    expect(picksFor(group, 'dispatch-g', { 'a.txt': null, 'b.txt': 'dispatch-g' })).toEqual([]);
    expect(approveLabel(group, [])).toBe('Approve');
  });
});
