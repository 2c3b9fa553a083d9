import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core.js';
import { autoDecision, pickOption, resolveOptionChoice } from '../../../electron/core/permissions/policy.js';
import type { PermissionOption } from '../../../shared/models/permission.js';
import { tempDir } from '../../helpers/temp.js';

const options: PermissionOption[] = [
  { optionId: 'z-always', name: 'Always', kind: 'allow_always' },
  { optionId: 'q-once', name: 'Once', kind: 'allow_once' },
  { optionId: 'n', name: 'No', kind: 'reject_once' },
];

function setup(home = tempDir()) {
  const project = join(home, 'p');
  mkdirSync(project, { recursive: true });
  const core = createCore({ home, userHome: home });
  const task = core.submit({ projectDir: project, prompt: 'x', source: 'api', agent: 'fake' });
  const run = core.store.runs.create(task.id, 'fake', 'acp', core.instanceId, 0);
  const ask = (toolKind = 'edit', extra = {}) => ({ taskId: task.id, runId: run.id, sessionId: 's', toolCall: { toolCallId: 't', title: 'T', kind: toolKind }, options, ...extra });
  return { home, core, task, run, ask };
}

describe('permission policy', () => {
  it('picks options by kind, never by id', () => {
    expect(pickOption(options, ['allow_once', 'allow_always'])!.optionId).toBe('q-once');
    expect(pickOption(options, ['reject_always'])).toBeNull();
    expect(autoDecision('ask', 'read', options)).toBeNull();
    expect(autoDecision('allow-reads', 'read', options)!.optionId).toBe('q-once');
    expect(autoDecision('allow-reads', 'search', options)!.optionId).toBe('q-once');
    expect(autoDecision('allow-reads', 'edit', options)).toBeNull();
    expect(autoDecision('allow-all', 'execute', options.filter((o) => o.kind !== 'allow_once'))!.optionId).toBe('z-always');
    expect(autoDecision('allow-all', 'execute', [options[2]])).toBeNull();
  });

  it('resolves what a person typed: an id, a kind or a word', () => {
    expect(resolveOptionChoice(options)!.optionId).toBe('q-once');
    expect(resolveOptionChoice(options, 'n')!.optionId).toBe('n');
    expect(resolveOptionChoice(options, 'allow_always')!.optionId).toBe('z-always');
    expect(resolveOptionChoice(options, 'always')!.optionId).toBe('z-always');
    expect(resolveOptionChoice(options, 'deny')!.optionId).toBe('n');
    expect(resolveOptionChoice(options, 'never')).toBeNull();
    expect(resolveOptionChoice(options, 'bogus')).toBeNull();
  });
});

describe('permission service', () => {
  it('counts pending requests per run for awaiting_input, and cancelRun answers them all "cancelled"', async () => {
    const { core, run, ask } = setup();
    const calls: boolean[] = [];
    const a = core.permissions.request({ ...ask(), onPendingChange: (p) => calls.push(p) });
    const b = core.permissions.request({ ...ask(), onPendingChange: (p) => calls.push(p) });
    expect(calls).toEqual([true]);
    expect(core.permissions.list()).toHaveLength(2);
    expect(core.permissions.cancelRun(run.id)).toBe(2);
    expect((await a).outcome).toEqual({ outcome: 'cancelled', decidedBy: 'cancel' });
    expect((await b).request.state).toBe('cancelled');
    expect(calls).toEqual([true, false]);
    expect(core.permissions.cancelRun(run.id)).toBe(0);
    await core.dispose();
  });

  it('withdraws a request when the agent aborts it', async () => {
    const { core, ask } = setup();
    const ac = new AbortController();
    const p = core.permissions.request({ ...ask(), signal: ac.signal });
    ac.abort();
    const { request, outcome } = await p;
    expect(outcome.outcome).toBe('cancelled');
    expect(request).toMatchObject({ state: 'cancelled', decidedBy: 'agent' });
    await core.dispose();
  });

  it('expires requests left pending by a previous instance, and says so when one is answered', async () => {
    const s = setup();
    void s.core.permissions.request(s.ask());
    const [pending] = s.core.permissions.list();
    await s.core.dispose(); // dispose cancels what is pending in memory...

    // ...but a crash leaves it pending in the database: simulate with a raw insert.
    const s2 = createCore({ home: s.home, userHome: s.home });
    expect(s2.permissions.list(undefined, true)[0]).toMatchObject({ id: pending.id, state: 'cancelled', decidedBy: 'shutdown' });
    s2.store.db
      .prepare("INSERT INTO permission_requests (task_id, run_id, title, tool_call, options, state, created_at) VALUES (?, ?, 'T', '{}', ?, 'pending', 0)")
      .run(s.task.id, s.run.id, JSON.stringify(options));
    await s2.dispose();
    const s3 = createCore({ home: s.home, userHome: s.home });
    expect(s3.permissions.list()).toEqual([]);
    const all = s3.permissions.list(s.task.id, true);
    expect(all.map((p) => [p.state, p.decidedBy])).toEqual([
      ['cancelled', 'shutdown'],
      ['expired', 'restart'],
    ]);
    await expect(s3.call('permissions.answer', { taskId: s.task.id, requestId: all[1].id, optionId: 'q-once' })).rejects.toThrow(/already expired/);
    await s3.dispose();
  });
});
