import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulkSummary } from '../../../shared/models/task-bulk.js';
import type { Task } from '../../../shared/models/task.js';
import { harness, makeRepo, read } from '../git/git-fixture.js';
import { reviewed } from '../review/review-fixture.js';
import { driveTo } from '../../helpers/drive-task.js';

// Issue 18 "Scale": bulk actions from the list view, and the archive of finished tasks.
describe('tasks.bulk', () => {
  it('cancels the tasks the state table allows and skips the finished ones, saying why', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'p'), { 'a.txt': 'a\n' });
    const submit = (prompt: string) => h.core.submit({ projectDir: project, prompt, agent: 'fake', source: 'cli' });
    const queued = [submit('one'), submit('two'), submit('three'), submit('four')];
    const failed = submit('five');
    driveTo(h.core.transition, failed.id, 'queued', 'failed');
    const ids = [...queued.map((t) => t.id), failed.id];

    const { results } = await h.core.call('tasks.bulk', { action: 'cancel', ids });
    expect(results.map((r) => r.outcome)).toEqual(['done', 'done', 'done', 'done', 'skipped']);
    expect(bulkSummary('cancel', results)).toBe('4 cancelled, 1 skipped: already finished');
    for (const t of queued) expect(h.core.store.tasks.get(t.id)!.state).toBe('cancelled');
    expect(h.core.store.tasks.get(failed.id)!.state).toBe('failed');

    // Retry: the cancelled four and the failed one go back to the queue; an unknown id is reported, not thrown.
    const retry = await h.core.call('tasks.bulk', { action: 'retry', ids: [...ids, 'dispatch-nope'] });
    expect(bulkSummary('retry', retry.results)).toBe('5 retried, 1 skipped: not found');
    for (const id of ids) expect(h.core.store.tasks.get(id)!.state).toBe('queued');
  });

  it('approves whole changes and rejects with a reason, skipping tasks not in review', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const other = h.core.submit({ projectDir: project, prompt: 'still queued', agent: 'fake', source: 'cli' });
    const { results } = await h.core.call('tasks.bulk', { action: 'approve', ids: [task.id, other.id] });
    expect(results).toEqual([
      { id: task.id, outcome: 'done' },
      { id: other.id, outcome: 'skipped', reason: 'not awaiting review' },
    ]);
    expect(h.core.store.tasks.get(task.id)!.state).toBe('applied');
    expect(read(project, 'a.txt')).toBe('a by agent\n');
    expect(read(project, 'new.txt')).toBe('new\n');

    const again = await h.core.call('tasks.bulk', { action: 'reject', ids: [task.id], reason: 'no' });
    expect(bulkSummary('reject', again.results)).toBe('0 rejected, 1 skipped: already finished');
  });

  it('rejects a change in review with the reason given', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const { results } = await h.core.call('tasks.bulk', { action: 'reject', ids: [task.id], reason: 'wrong approach' });
    expect(results[0].outcome).toBe('done');
    expect(h.core.store.tasks.get(task.id)!.state).toBe('rejected');
    expect(read(project, 'a.txt')).toBe('a\n');
  });
});

describe('archive', () => {
  it('hides finished tasks from tasks.list until asked for, refuses open ones, and unarchives', async () => {
    const h = harness();
    const project = makeRepo(join(h.tmp, 'p'), { 'a.txt': 'a\n' });
    const submit = (prompt: string) => h.core.submit({ projectDir: project, prompt, agent: 'fake', source: 'cli' });
    const done = [submit('done one'), submit('done two')];
    for (const t of done) await h.core.call('tasks.cancel', { id: t.id });
    const open = submit('still open');
    const events: Task[] = [];
    h.core.bus.on('task.changed', ({ task }) => void events.push(task));

    const refused = await h.core.call('tasks.archive', { id: open.id }).catch((e: unknown) => e as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'conflict' });
    expect((refused as { message: string }).message).toContain('only finished tasks can be archived');

    const bulk = await h.core.call('tasks.bulk', { action: 'archive', ids: [...done.map((t) => t.id), open.id] });
    expect(bulkSummary('archive', bulk.results)).toBe('2 archived, 1 skipped: not finished yet');
    // Each archive is announced like any change to a task, so open windows follow it.
    expect(events.filter((t) => t.archivedAt).map((t) => t.id).sort()).toEqual(done.map((t) => t.id).sort());

    const ids = async (archived?: 'exclude' | 'only' | 'include') => (await h.core.call('tasks.list', archived ? { archived } : {})).tasks.map((t) => t.id).sort();
    expect(await ids()).toEqual([open.id]);
    expect(await ids('only')).toEqual(done.map((t) => t.id).sort());
    expect(await ids('include')).toHaveLength(3);
    // The state does not move: an archived task is still cancelled, and can be brought back.
    expect(h.core.store.tasks.get(done[0].id)!.state).toBe('cancelled');

    const back = await h.core.call('tasks.archive', { id: done[0].id, archived: false });
    expect(back.archivedAt).toBeNull();
    expect(await ids()).toEqual([open.id, done[0].id].sort());
    const again = await h.core.call('tasks.bulk', { action: 'unarchive', ids: [done[0].id] });
    expect(bulkSummary('unarchive', again.results)).toBe('0 unarchived, 1 skipped: not archived');
  });
});

describe('reject with feedback (changes.reject with rerun)', () => {
  it('rejects the change and, in the same call, queues a fresh task with the prompt and the feedback', async () => {
    const h = harness();
    const { project, task } = await reviewed(h);
    const out = await h.core.call('changes.reject', { taskId: task.id, reason: 'Keep b.txt as it is.', rerun: true });
    expect(out.task.state).toBe('rejected');
    expect(read(project, 'a.txt')).toBe('a\n');
    const rerun = out.rerun!;
    expect(rerun.id).not.toBe(task.id);
    expect(rerun).toMatchObject({ state: 'queued', agent: task.agent, projectDir: task.projectDir, ttlSeconds: task.ttlSeconds });
    expect(rerun.prompt).toBe(`${task.prompt}\n\nA previous attempt (${task.id}) was rejected by the reviewer, who said:\nKeep b.txt as it is.`);
  });

  it('refuses a re-run without feedback, and leaves the change in review', async () => {
    const h = harness();
    const { task } = await reviewed(h);
    const err = (await h.core.call('changes.reject', { taskId: task.id, rerun: true }).then(
      () => ({ code: 'none', message: 'it was accepted' }),
      (e: unknown) => e as { code: string; message: string },
    ));
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(err.message).toContain('a re-run needs the feedback');
    expect(h.core.store.tasks.get(task.id)!.state).toBe('awaiting_review');
  });
});
