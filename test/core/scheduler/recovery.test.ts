import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core.js';
import { killOrphanGroup, processStartTime, readProcStat } from '../../../electron/core/runners/process-group.js';
import { isAlive, livePids, waitFor } from '../../fixtures/fake-claude-kit.js';
import { setupScheduler } from './setup.js';

/** A process in its own group with a child, like an agent: `node -e` that spawns a sleeper. */
function spawnGroup(): Promise<{ leader: number; child: number }> {
  const code = "const c=require('child_process').spawn(process.execPath,['-e','setInterval(()=>{},1e9)'],{stdio:'ignore'});console.log(c.pid);setInterval(()=>{},1e9)";
  const p = spawn(process.execPath, ['-e', code], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  p.unref();
  return new Promise((resolve) => p.stdout!.once('data', (d: Buffer) => resolve({ leader: p.pid!, child: Number(d.toString().trim()) })));
}

describe('start-up recovery', () => {
  it('kills an orphan agent and its group only when pid and start time both match', async () => {
    const g = await spawnGroup();
    expect(readProcStat(g.child)!.pgid).toBe(g.leader);
    const start = processStartTime(g.leader)!;
    // A recycled pid (same number, other start time) is left alone.
    expect(killOrphanGroup(g.leader, String(Number(start) - 1))).toEqual([]);
    expect(isAlive(g.leader)).toBe(true);
    expect(killOrphanGroup(g.leader, start).sort()).toEqual([g.leader, g.child].sort());
    await waitFor(() => !isAlive(g.leader) && !isAlive(g.child), 2000, 'the group to die');
  });

  it('kills the children of an orphan whose leader already died', async () => {
    const g = await spawnGroup();
    const start = processStartTime(g.leader);
    process.kill(g.leader, 'SIGKILL');
    await waitFor(() => !isAlive(g.leader), 2000, 'the leader to die');
    expect(isAlive(g.child)).toBe(true);
    // The group id cannot be reused while its members live, so they are still the agent's: killed.
    expect(killOrphanGroup(g.leader, start)).toEqual([g.child]);
    await waitFor(() => !isAlive(g.child), 2000, 'the child to die');
  });

  it('graceful shutdown: gives running tasks the grace, then stops them as interrupted; a restart requeues them', async () => {
    const s = setupScheduler({ config: { shutdownGraceSeconds: 2 } });
    const quick = await s.submit('read-line\nwrite q.txt q');
    const hung = await s.submit('hang');
    await s.waitState(hung.id, 'running');
    await s.waitState(quick.id, 'running');
    const { pid } = s.core.store.runs.latest(hung.id)!;
    const disposing = s.core.dispose();
    // During the grace, a running task can still finish normally.
    await s.core.call('runs.write', { taskId: quick.id, data: 'done\r' });
    await disposing;
    expect(isAlive(pid!)).toBe(false);
    expect(livePids(s.pidDir)).toEqual([]);

    const again = createCore({ home: s.home, userHome: s.home });
    expect(again.store.tasks.get(quick.id)!.state).toBe('awaiting_review'); // it finished within the grace
    expect(again.store.tasks.get(hung.id)).toMatchObject({ state: 'interrupted', errorType: 'interrupted' });
    expect(again.store.runs.latest(hung.id)).toMatchObject({ state: 'interrupted', errorType: 'interrupted' });
    again.scheduler.start();
    expect(again.store.tasks.get(hung.id)!.state).not.toBe('interrupted');
    await waitFor(() => again.store.runs.forTask(hung.id).length === 2, 5000, 'a second run');
    await again.scheduler.shutdown(0);
    await again.dispose();
  });
});
