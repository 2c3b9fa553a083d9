import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompletionReport } from '../../../shared/models/completion.js';
import { dispatchHarness, scratchDir, until, type Harness } from './harness.js';
import { driveTo } from '../../helpers/drive-task.js';

const report = (dir: string, id: string) => CompletionReport.parse(JSON.parse(readFileSync(join(dir, 'completed', `${id}.json`), 'utf8')));

async function accepted(h: Harness, id: string, extra: Record<string, unknown> = {}, dir = h.inbox) {
  h.drop(`${id}.json`, h.doc(id, extra), dir);
  await until(() => h.store.tasks.get(id) != null, 3000, `${id} to be taken`);
  await h.service.idle();
}

describe('completion reports', () => {
  it('writes a validated report with the change, branch and commits when a task is applied', async () => {
    const h = dispatchHarness();
    await accepted(h, 'dispatch-done', { clawvisor_task_id: 'cv-1', target_agent: 'codex' });
    const id = 'dispatch-done';
    driveTo(h.transition, id, 'queued', 'preparing', { patch: { branch: 'switchboard/dispatch-done', base_commit: 'a'.repeat(40), started_at: Date.now() } });
    driveTo(h.transition, id, 'preparing', 'running');
    const changeId = h.store.changes.begin(id, null, 'a'.repeat(40), 'b'.repeat(40), Date.now());
    h.store.changes.addFiles(changeId, 0, [
      { path: 'src/a.ts', oldPath: null, status: 'modified', binary: false, size: null, additions: 3, deletions: 1, oldMode: null, newMode: null, patch: Buffer.from('') },
      { path: 'src/b.ts', oldPath: null, status: 'added', binary: false, size: null, additions: 10, deletions: 0, oldMode: null, newMode: null, patch: Buffer.from('') },
      { path: 'README.md', oldPath: null, status: 'modified', binary: false, size: null, additions: 1, deletions: 1, oldMode: null, newMode: null, patch: Buffer.from('') },
    ]);
    h.store.changes.finish(changeId, { files: 3, additions: 14, deletions: 2 });
    driveTo(h.transition, id, 'running', 'awaiting_review');
    expect(existsSync(join(h.inbox, 'completed', `${id}.json`))).toBe(false);
    h.store.changes.decide(changeId, ['pending'], 'partially_applied', { approvedFiles: ['src/a.ts', 'src/b.ts'], commit: 'c'.repeat(40) }, Date.now());
    driveTo(h.transition, id, 'awaiting_review', 'applied');
    await until(() => existsSync(join(h.inbox, 'completed', `${id}.json`)), 3000, 'the report');
    expect(report(h.inbox, id)).toMatchObject({
      dispatch_id: id,
      status: 'applied',
      target_agent: 'codex',
      error: null,
      error_type: null,
      retry_count: 0,
      files_changed: ['src/a.ts', 'src/b.ts'],
      diff_stats: { files: 2, additions: 13, deletions: 1 },
      branch: 'switchboard/dispatch-done',
      commits: ['b'.repeat(40), 'c'.repeat(40)],
      clawvisor_task_id: 'cv-1',
      project: 'app',
      project_dir: h.project,
    });
    expect(report(h.inbox, id).duration).toBeGreaterThanOrEqual(0);
    expect(h.audits('completion.written').map((a) => a.task_id)).toEqual([id]);
  });

  it('writes reports for tasks that ended while the app was down, and a new one after a retry', async () => {
    const h = dispatchHarness();
    await accepted(h, 'dispatch-offline');
    await h.stopService();
    driveTo(h.transition, 'dispatch-offline', 'queued', 'failed', { patch: { error_type: 'crashed', error: 'the agent crashed (exit 139)' } });
    const reportPath = join(h.inbox, 'completed', 'dispatch-offline.json');
    await new Promise((r) => setTimeout(r, 30));
    expect(existsSync(reportPath)).toBe(false);

    h.start();
    await until(() => existsSync(reportPath), 3000, 'the catch-up report');
    expect(report(h.inbox, 'dispatch-offline')).toMatchObject({ status: 'failed', error_type: 'crashed', error: 'the agent crashed (exit 139)' });

    driveTo(h.transition, 'dispatch-offline', 'failed', 'queued', { patch: { error: null, error_type: null, ended_at: null, retry_count: 1 } });
    driveTo(h.transition, 'dispatch-offline', 'queued', 'cancelled', { patch: { error_type: 'cancelled', error: 'cancelled by user' } });
    await until(() => report(h.inbox, 'dispatch-offline').status === 'cancelled', 3000, 'the second report');
    expect(report(h.inbox, 'dispatch-offline')).toMatchObject({ retry_count: 1, error_type: 'cancelled' });

    // Restarting again writes nothing more: every ending has its report.
    await h.stopService();
    h.start();
    await h.service.idle();
    await new Promise((r) => setTimeout(r, 30));
    expect(h.audits('completion.written')).toHaveLength(2);
  });

  it('puts the report in the completed/ of the folder the dispatch came from', async () => {
    const other = scratchDir('sb-orchestrator-');
    mkdirSync(join(other, 'inbox'));
    const h = dispatchHarness({ config: { dispatchDirs: [join(other, 'inbox')] } });
    expect(h.service.dirs()).toEqual([h.inbox, join(other, 'inbox')]);
    await accepted(h, 'dispatch-elsewhere', {}, join(other, 'inbox'));
    expect(h.ls('accepted', join(other, 'inbox'))).toEqual(['dispatch-elsewhere.json']);
    driveTo(h.transition, 'dispatch-elsewhere', 'queued', 'no_changes');
    await until(() => existsSync(join(other, 'inbox', 'completed', 'dispatch-elsewhere.json')), 3000, 'the report in the other folder');
    expect(report(join(other, 'inbox'), 'dispatch-elsewhere').status).toBe('no_changes');
    expect(existsSync(join(h.inbox, 'completed', 'dispatch-elsewhere.json'))).toBe(false);
    // The heartbeat is in every watched folder.
    expect(JSON.parse(readFileSync(join(other, 'inbox', '.daemon-heartbeat'), 'utf8'))).toMatchObject({ pid: process.pid, queued: 0, active: 0 });
  });
});
