import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PermissionRequest } from '../../../../shared/models/permission.js';
import { AppError } from '../../../../electron/core/errors.js';
import { rig, waitFor } from './harness.js';

const said = (r: ReturnType<typeof rig>): string[] =>
  r.sink.events.filter((e) => e.kind === 'acp.agent_message_chunk').map((e) => (e.data as { content: { text: string } }).content.text);

describe('ACP permission requests', () => {
  it('become pending requests shown on the bus, put the run in awaiting_input, and are answered through the contract', async () => {
    const r = rig();
    const changes: PermissionRequest[] = [];
    r.core.bus.on('permission.changed', ({ request }) => changes.push(request));
    const handle = await r.runner.start(r.request('say before\nask edit Edit src/a.ts\nsay after'));
    await waitFor(() => changes.length === 1);

    expect(r.sink.awaiting).toEqual([true]);
    const [pending] = await r.core.call('permissions.list', {});
    expect(pending).toMatchObject({ taskId: r.task.id, runId: r.run.id, state: 'pending', title: 'Edit src/a.ts', toolKind: 'edit' });
    expect(pending.options.map((o) => o.kind)).toEqual(['allow_once', 'allow_always', 'reject_once', 'reject_always']);
    expect(pending.toolCall).toMatchObject({ toolCallId: 'tool-1', locations: [{ path: expect.stringContaining('worktree/x') }] });

    // A wrong option and a wrong task are refused with a clear error; the request stays pending.
    await expect(r.core.call('permissions.answer', { taskId: r.task.id, requestId: pending.id, optionId: 'allow' })).rejects.toThrow(/has no option "allow"; choose one of: p1-yes \(allow_once\)/);
    await expect(r.core.call('permissions.answer', { taskId: 'dispatch-other', requestId: pending.id, optionId: 'p1-yes' })).rejects.toMatchObject({ code: 'not_found' });

    const allowOnce = pending.options.find((o) => o.kind === 'allow_once')!;
    const answered = await r.core.call('permissions.answer', { taskId: r.task.id, requestId: pending.id, optionId: allowOnce.optionId });
    expect(answered).toMatchObject({ state: 'answered', optionId: allowOnce.optionId, decidedBy: 'user' });
    const outcome = await handle.done;

    expect(outcome).toMatchObject({ errorType: null, flags: [] });
    expect(said(r)).toEqual(['before', `permission: ${allowOnce.optionId}`, 'after']);
    expect(r.sink.awaiting).toEqual([true, false]);
    expect(changes.map((c) => c.state)).toEqual(['pending', 'answered']);
    expect(r.sink.events.find((e) => e.kind === 'acp.permission')!.data).toMatchObject({ requestId: pending.id, outcome: 'selected', kind: 'allow_once', decidedBy: 'user' });
    expect(await r.core.call('permissions.list', {})).toEqual([]);
    const err = await r.core.call('permissions.answer', { taskId: r.task.id, requestId: pending.id, optionId: allowOnce.optionId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already answered \(by user\)/) });
    const audit = r.core.store.audit.forTask(r.task.id).filter((a) => a.kind.startsWith('permission.'));
    expect(audit.map((a) => [a.kind, a.actor, a.data.state])).toEqual([
      ['permission.requested', 'agent', 'pending'],
      ['permission.decision', 'user', 'answered'],
    ]);
  });

  it('terminal/create goes through the permission policy: nothing runs until it is allowed, and a rejection runs nothing', async () => {
    const r = rig();
    const handle = await r.runner.start(r.request('terminal touch ran-denied.txt\nsay after'));
    await waitFor(() => r.sink.awaiting.length === 1);
    const [p] = r.core.permissions.list(r.task.id);
    expect(p).toMatchObject({ toolKind: 'execute', title: expect.stringContaining('touch ran-denied.txt') });
    expect(existsSync(join(r.worktree, 'ran-denied.txt'))).toBe(false);
    await r.core.call('permissions.answer', { taskId: r.task.id, requestId: p.id, optionId: p.options.find((o) => o.kind === 'reject_once')!.optionId });
    const outcome = await handle.done;
    expect(existsSync(join(r.worktree, 'ran-denied.txt'))).toBe(false);
    expect(outcome.flags).toContain('permission_denials: 1 permission request(s) were rejected or cancelled');

    const r2 = rig();
    const h2 = await r2.runner.start(r2.request('terminal touch ran-allowed.txt'));
    await waitFor(() => r2.sink.awaiting.length === 1);
    const [p2] = r2.core.permissions.list(r2.task.id);
    await r2.core.call('permissions.answer', { taskId: r2.task.id, requestId: p2.id, optionId: p2.options.find((o) => o.kind === 'allow_once')!.optionId });
    expect((await h2.done).errorType).toBeNull();
    expect(existsSync(join(r2.worktree, 'ran-allowed.txt'))).toBe(true);
  });

  it('a rejection reaches the agent and is flagged on the run', async () => {
    const r = rig();
    const handle = await r.runner.start(r.request('ask execute Run rm -rf build'));
    await waitFor(() => r.sink.awaiting.length === 1);
    const [p] = r.core.permissions.list(r.task.id);
    await r.core.call('permissions.answer', { taskId: r.task.id, requestId: p.id, optionId: p.options.find((o) => o.kind === 'reject_once')!.optionId });
    const outcome = await handle.done;
    expect(said(r)).toEqual([`permission: ${p.options[2].optionId}`]);
    expect(outcome.flags).toEqual(['permission_denials: 1 permission request(s) were rejected or cancelled']);
  });

  it('follows the policy: allow-reads from config, allow-all as a project override; each decision audited', async () => {
    const r = rig();
    writeFileSync(r.core.paths.config, JSON.stringify({ permissionPolicy: 'allow-reads' }));
    r.core.config.reload();
    const handle = await r.runner.start(r.request('ask read Read a.txt\nask edit Edit a.txt'));
    await waitFor(() => r.sink.awaiting.length === 1);
    const all = await r.core.call('permissions.list', { taskId: r.task.id, all: true });
    expect(all.map((p) => [p.toolKind, p.state, p.decidedBy])).toEqual([
      ['read', 'answered', 'policy:allow-reads'],
      ['edit', 'pending', null],
    ]);
    expect(said(r)).toEqual([`permission: ${all[0].options.find((o) => o.kind === 'allow_once')!.optionId}`]);
    await r.core.call('permissions.answer', { taskId: r.task.id, requestId: all[1].id, optionId: all[1].options[0].optionId });
    await handle.done;

    const r2 = rig();
    r2.core.store.projects.ensure(r2.task.projectDir, 0, undefined, { permissionPolicy: 'allow-all' });
    expect(r2.core.permissions.policyFor(r2.task.id)).toBe('allow-all');
    const h2 = await r2.runner.start(r2.request('ask execute Run make\nask delete Delete a.txt'));
    expect((await h2.done).errorType).toBeNull();
    expect(r2.sink.awaiting).toEqual([]);
    const decisions = r2.core.store.audit.forTask(r2.task.id).filter((a) => a.kind === 'permission.decision');
    expect(decisions.map((a) => [a.actor, a.data.optionKind, a.data.policy])).toEqual([
      ['policy:allow-all', 'allow_once', 'allow-all'],
      ['policy:allow-all', 'allow_once', 'allow-all'],
    ]);
  });
});
