import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DispatchRejection } from '../../../shared/models/dispatch.js';
import { dispatchHarness, until } from './harness.js';
import { writeBurst } from './burst-files.js';

describe('a burst of 1,000 dispatch files', () => {
  it('makes exactly the valid ones tasks, each once, and rejects every malformed one with its reason', async () => {
    // The default staleness (10 s). With 1 s, a loaded machine failed this test for real: the writers run
    // in this process, the intake's batches held them up past 1 s between two pieces, and the file, not
    // valid JSON for that long, was rejected as its writer's death, which is what staleness is for. The
    // files meant to look abandoned are backdated instead, so the test need not wait 10 s for them.
    const h = dispatchHarness({ options: { staleMs: 10_000 } });
    const plan = await writeBurst(h.inbox, { total: 1000, malformed: 50, duplicates: 100, projectDir: h.project, pieceDelayMs: 120, backdateAbandoned: true });
    await until(() => h.waiting().length === 0, 60_000, 'the inbox to empty');
    await h.service.idle();

    const ids = h.store.db.prepare('SELECT id FROM tasks ORDER BY id').pluck().all() as string[];
    expect(ids).toEqual([...plan.validIds].sort());
    expect(h.audits('task.created')).toHaveLength(plan.validIds.length);
    for (const id of ['dispatch-burst-0', 'dispatch-burst-1', 'dispatch-burst-849']) {
      const n = Number(id.split('-').at(-1));
      expect(h.store.tasks.get(id)).toMatchObject({ state: 'queued', ttlSeconds: 600 + n, prompt: expect.stringMatching(new RegExp(`^task number ${n}\\n`)) });
    }

    expect(h.ls('accepted')).toHaveLength(plan.acceptedCount);
    const rejected = h.ls('rejected');
    const files = rejected.filter((n) => !n.endsWith('.error.json'));
    expect(files).toHaveLength(plan.rejectedCount);
    expect(files.every((n) => n.startsWith('bad'))).toBe(true);
    const reasons = files.map((n) => DispatchRejection.parse(JSON.parse(readFileSync(join(h.inbox, 'rejected', `${n}.error.json`), 'utf8'))).reason);
    expect(new Set(reasons)).toEqual(new Set(['invalid_json', 'schema', 'project_dir_missing']));
    expect(h.audits('dispatch.rejected')).toHaveLength(plan.rejectedCount);
    expect(h.logs).toEqual([]);
  });
});
