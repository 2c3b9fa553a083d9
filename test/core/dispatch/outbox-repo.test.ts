import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createOutboxRepo } from '../../../electron/core/dispatch/outbox-repo.js';
import { createStore } from '../../../electron/core/store/index.js';
import { tempDir } from '../../helpers/temp.js';

function outbox() {
  const store = createStore(join(tempDir('sb-outbox-'), 'switchboard.db'));
  onTestFinished(() => store.dispose());
  const repo = createOutboxRepo(store.db);
  repo.enqueue({ key: 'k1', dispatchId: 'd1', url: 'http://127.0.0.1:9/hook', body: '{}', maxAttempts: 5 }, 1000);
  const [row] = repo.forDispatch('d1');
  return { repo, row };
}

describe('callback outbox', () => {
  it('a late answer to an older attempt settles nothing once a newer attempt holds the row', () => {
    const { repo, row } = outbox();
    // Attempt 1 is claimed, its lease runs out while the request hangs, and attempt 2 claims the row.
    expect(repo.beginAttempt(row, 2000, 1000)).toBe(true);
    const second = repo.get(row.id)!;
    expect(repo.beginAttempt(second, 3000, 2000)).toBe(true);
    // Attempt 1's answer arrives late: neither delivered, failed nor a retry is recorded for it.
    expect(repo.delivered(row.id, 1, 2500)).toBe(false);
    expect(repo.failed(row.id, 1, 'HTTP 500: gave up', 2500)).toBe(false);
    expect(repo.retryAt(row.id, 1, 'HTTP 500', 9000, 2500)).toBe(false);
    expect(repo.get(row.id)).toMatchObject({ state: 'pending', attempts: 2, next_attempt_at: 3000, last_error: null });
    // Attempt 2's own answer settles it.
    expect(repo.failed(row.id, 2, 'HTTP 400: not retried', 3100)).toBe(true);
    expect(repo.get(row.id)).toMatchObject({ state: 'failed', attempts: 2, last_error: 'HTTP 400: not retried' });
  });

  it('a settled row stays settled, whatever attempt answers after', () => {
    const { repo, row } = outbox();
    expect(repo.beginAttempt(row, 2000, 1000)).toBe(true);
    expect(repo.delivered(row.id, 1, 1500)).toBe(true);
    expect(repo.failed(row.id, 1, 'late', 1600)).toBe(false);
    expect(repo.get(row.id)).toMatchObject({ state: 'delivered', attempts: 1 });
  });
});
