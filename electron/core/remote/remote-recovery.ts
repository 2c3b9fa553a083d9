/**
 * Start-up recovery on hosts (issue 14): runs a dead instance left open on a host may have agents
 * still running there (a kill -9 of Switchboard leaves the remote side alone). Their pid files on the
 * host name pid, group and start time; killScript() ends exactly those, plus anything carrying the
 * run's marker (runMarker: this home's key and the task id). Hosts are asked in the background (the scheduler starts after them); one
 * that cannot be reached is named in the audit trail (`recovery.remote_unreachable`), and whatever of
 * that run still lives there is ended with the next run of the same task on that host (same marker).
 */
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import type { Hosts } from './hosts.js';
import { killScript, runFileBase } from './remote-process.js';
import { runMarker } from '../runners/process-control/process-control.js';

export interface RemoteRun {
  runId: number;
  taskId: string;
  host: string;
}

/** The open runs of other instances whose task is on a host. Call before markInterrupted() closes them. */
export function remoteLiveRuns(store: Store, ownInstance: string): RemoteRun[] {
  const out: RemoteRun[] = [];
  for (const run of store.runs.liveRuns()) {
    if (run.instanceId === ownInstance) continue;
    const host = store.tasks.get(run.taskId)?.host;
    if (host) out.push({ runId: run.id, taskId: run.taskId, host });
  }
  return out;
}

export async function killRemoteOrphans(deps: { hosts: Hosts; store: Store; clock: Clock; homeKey: string }, runs: RemoteRun[]): Promise<void> {
  for (const run of runs) {
    try {
      const host = deps.hosts.get(run.host);
      const r = await host.exec(killScript(runFileBase(await host.stateDir(), run.taskId, run.runId), runMarker(deps.homeKey, run.taskId), 'KILL'), { timeoutMs: 30_000 });
      const left = Number(/left (\d+)/.exec(r.stdout)?.[1] ?? 0);
      deps.store.audit.append(deps.clock.now(), 'recovery.remote_orphans_killed', run.taskId, 'switchboard', { host: run.host, runId: run.runId, marked: left });
    } catch (err) {
      deps.store.audit.append(deps.clock.now(), 'recovery.remote_unreachable', run.taskId, 'switchboard', { host: run.host, runId: run.runId, error: (err as Error).message });
    }
  }
}
