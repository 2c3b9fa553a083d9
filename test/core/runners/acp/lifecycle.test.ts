import { describe, expect, it } from 'vitest';
import { AcpHandshakeError } from '../../../../electron/core/runners/acp-runner.js';
import { groupMembers } from '../../../../electron/core/runners/process-group.js';
import { fakeAgent, groupAlive, kinds, rig, waitFor } from './harness.js';

const said = (r: ReturnType<typeof rig>): string[] =>
  r.sink.events.filter((e) => e.kind === 'acp.agent_message_chunk').map((e) => (e.data as { content: { text: string } }).content.text);

describe('ACP runner: ending, cancelling and failing', () => {
  it('cancels a hung agent that ignores session/cancel, EOF and SIGTERM: the whole process group is killed', async () => {
    const r = rig();
    const handle = await r.runner.start(r.request('say started\nhang'));
    await waitFor(() => said(r).includes('started'));
    // The agent has started a grandchild (sleep) in its group.
    await waitFor(() => groupMembers(handle.pid).length >= 2);
    const t = Date.now();
    await handle.stop('cancel', 300);
    const outcome = await handle.done;
    expect(Date.now() - t).toBeLessThan(5000);
    expect(outcome).toMatchObject({ errorType: 'cancelled', signal: 'SIGKILL' });
    expect(groupAlive(handle.pid)).toBe(false);
  });

  it('keeps taking updates after session/cancel until the prompt returns, and answers pending permissions "cancelled"', async () => {
    const r = rig();
    const handle = await r.runner.start(r.request('say working\nask edit Edit a.txt\nsay never'));
    await waitFor(() => r.sink.awaiting.includes(true));
    await handle.stop('cancel', 3000);
    const outcome = await handle.done;
    expect(outcome).toMatchObject({ errorType: 'cancelled', exitCode: 0, signal: null });
    expect(r.sink.awaiting).toEqual([true, false]);
    const [req] = await r.core.call('permissions.list', { taskId: r.task.id, all: true });
    expect(req).toMatchObject({ state: 'cancelled', decidedBy: 'cancel', optionId: null });
    expect(said(r)).not.toContain('never');
    expect(r.sink.events.find((e) => e.kind === 'acp.stop')!.data).toEqual({ stopReason: 'cancelled' });

    const r2 = rig();
    const h2 = await r2.runner.start(r2.request('say waiting\nwait'));
    await waitFor(() => said(r2).includes('waiting'));
    await h2.stop('cancel', 3000);
    expect((await h2.done).errorType).toBe('cancelled');
    expect(said(r2)).toContain('cancelled: cleaning up');
    expect(kinds(r2.sink.events).at(-1)).toBe('acp.stop');
  });

  it('reports a timeout stop as timeout', async () => {
    const r = rig();
    const handle = await r.runner.start(r.request('sleep 60000'));
    await handle.stop('timeout', 2000);
    expect(await handle.done).toMatchObject({ errorType: 'timeout', exitCode: 0 });
  });

  it.each([
    ['cat', 'cat', [], 'not_acp'],
    ["sh -c 'echo hi'", 'sh', ['-c', 'echo hi'], 'not_acp'],
    ['a command that does not exist', '/nonexistent/agent-bin', [], 'spawn_failed'],
  ])('refuses %s with AcpHandshakeError before the run counts as started', async (_name, command, args, reason) => {
    const r = rig();
    const err = await r.runner.start(r.request('say hi', fakeAgent([], { command, args: args as string[] }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AcpHandshakeError);
    expect(err).toMatchObject({ reason, agent: 'fake' });
    expect((err as AcpHandshakeError).flag).toMatch(new RegExp(`^acp_fallback: ${reason}: `));
    for (const pid of r.sink.pids) expect(groupAlive(pid)).toBe(false);
    expect(r.sink.events).toEqual([]);
  });

  it('refuses an agent that speaks another protocol version, and one that never answers', async () => {
    const r = rig();
    const v2 = await r.runner.start(r.request('say hi', fakeAgent(['--protocol', '2']))).catch((e: unknown) => e);
    expect(v2).toMatchObject({ reason: 'protocol_version', message: expect.stringMatching(/speaks ACP version 2; Switchboard speaks version 1/) });
    const quick = rig({ handshakeTimeoutMs: 300 });
    const silent = await quick.runner.start(quick.request('say hi', fakeAgent([], { command: 'sleep', args: ['30'] }))).catch((e: unknown) => e);
    expect(silent).toMatchObject({ reason: 'no_answer', message: 'sleep did not answer the ACP handshake within 300 ms' });
    for (const pid of [...r.sink.pids, ...quick.sink.pids]) expect(groupAlive(pid)).toBe(false);
  });

  it('turns auth_required into "log in to <agent>: <hint>"', async () => {
    const r = rig();
    const handle = await r.runner.start(r.request('say hi', fakeAgent(['--auth'])));
    expect(await handle.done).toMatchObject({ errorType: 'auth', error: 'log in to fake: run fake-agent login', exitCode: 0 });
  });

  it('reports an agent error and a crash with what the agent said', async () => {
    const r = rig();
    const failed = await (await r.runner.start(r.request('say hi\nfail the model is overloaded right now'))).done;
    expect(failed).toMatchObject({ errorType: 'overloaded', error: 'fake failed: the model is overloaded right now' });

    const r2 = rig();
    const crashed = await (await r2.runner.start(r2.request('say hi\ncrash 3'))).done;
    expect(crashed).toMatchObject({ errorType: 'crashed', exitCode: 3 });
    expect(crashed.error).toMatch(/^fake exited with code 3 before finishing the turn; its last words: fake agent crashing with code 3/);
    expect(kinds(r2.sink.events).at(-1)).toBe('acp.error');
  });

  it('stops every live session on dispose (shutdown)', async () => {
    const r = rig();
    const handle = await r.runner.start(r.request('sleep 60000'));
    await r.runner.dispose();
    expect(await handle.done).toMatchObject({ errorType: 'interrupted' });
    expect(groupAlive(handle.pid)).toBe(false);
  });
});

describe('ACP runner: follow-ups', () => {
  it('resumes the previous session when the agent can, and says so when it cannot', async () => {
    const r = rig();
    const resumed = await r.runner.start(r.request('say again', fakeAgent(['--resume']), { resumeSessionId: 'sess-7' }));
    expect(await resumed.done).toMatchObject({ errorType: null, flags: [] });
    expect(r.sink.sessionIds).toEqual(['sess-7']);
    expect(r.sink.events.find((e) => e.kind === 'acp.session')!.data).toMatchObject({ sessionId: 'sess-7', how: 'resume' });

    const r2 = rig();
    const fresh = await r2.runner.start(r2.request('say again', fakeAgent(), { resumeSessionId: 'sess-7' }));
    expect((await fresh.done).flags).toEqual(['acp_resume_unsupported: the agent cannot resume sessions; started a new one']);
    expect(r2.sink.sessionIds).toEqual(['sess-1']);
  });
});
