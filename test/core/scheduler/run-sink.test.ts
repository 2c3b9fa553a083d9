/**
 * Structured run events are batched (issue 13): held for ~16 ms, stored in one transaction and emitted
 * in order, and flushed before any other report so the order a runner reported in is kept.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract.js';
import { createCore } from '../../../electron/core/create-core.js';
import { createRunFacts } from '../../../electron/core/runners/run-facts.js';
import type { RunOutput } from '../../../electron/core/runners/run-output.js';
import { buildRunSink } from '../../../electron/core/scheduler/run-sink.js';
import type { SchedulerDeps } from '../../../electron/core/scheduler/types.js';
import { driveTo } from '../../helpers/drive-task.js';
import { tempDir } from '../../helpers/temp.js';
import { gitProject, waitFor } from '../../fixtures/fake-claude-kit.js';

describe('run sink', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0)) await f();
  });

  it('holds events, then stores them in one batch and emits them in order, before a wait for input', async () => {
    const home = tempDir();
    const core = createCore({ home, userHome: home, runTasks: false });
    cleanup.push(() => core.dispose());
    const project = gitProject(join(home, 'proj'));
    const task = await core.call('tasks.create', { projectDir: project, prompt: 'x' });
    expect(driveTo(core.transition, task.id, 'queued', 'running')).not.toBeNull();
    const run = core.store.runs.create(task.id, 'claude', 'acp', 'test', Date.now());
    const deps = { store: core.store, bus: core.bus, clock: core.clock, transition: core.transition, log: () => {} } as unknown as SchedulerDeps;
    const prepared = { cwd: project, baseCommit: null, branch: null, worktreePath: null, created: false };
    const sink = buildRunSink(deps, task.id, run.id, { write: () => {} } as unknown as RunOutput, prepared, createRunFacts());
    const seen: AnyEvent[] = [];
    core.bus.onAny((e) => {
      if (e.name === 'run.event' || (e.name === 'task.changed' && e.payload.task.id === task.id)) seen.push(e);
    });

    for (let i = 0; i < 300; i++) sink.event('acp.agent_message_chunk', { i });
    expect(seen).toHaveLength(0); // held, not one write per event
    sink.awaitingInput(true); // flushes first
    const kinds = seen.map((e) => (e.name === 'run.event' ? e.payload.seq : e.name === 'task.changed' ? e.payload.task.state : e.name));
    expect(kinds).toEqual([...Array.from({ length: 300 }, (_, i) => i), 'awaiting_input']);
    expect(core.store.events.list(run.id, task.id).map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 300 }, (_, i) => i));

    sink.event('acp.plan', { last: true }); // on its own, it goes out with the timer
    await waitFor(() => seen.some((e) => e.name === 'run.event' && e.payload.kind === 'acp.plan'), 10_000, 'the held event');
    expect(core.store.events.list(run.id, task.id)).toHaveLength(301);
  });
});
